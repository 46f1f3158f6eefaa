package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.internal.Stats;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.LaunchFloors;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.internal.OperatorFeatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ok measurements of one family as arrays, features computed once: what training and leave-one-GPU-out
 * folds index into. A row's work time is its time less its device's floor; rows where the floor is more than
 * {@link #MAX_FLOOR_SHARE} of the time say little about efficiency and do not train it.
 */
final class FamilyTable {
    /** Rows whose device floor is a larger share of their time are left out of the efficiency fit. */
    static final double MAX_FLOOR_SHARE = 0.75;

    final OperatorFamily family;
    final List<String> names;
    final double[][] features;
    final double[] seconds;
    final double[] rooflineSeconds;
    final double[] baseSeconds;
    final DeviceFigures[] devices;
    /**
     * Device of each row: hardware id, the threads of a CPU row, and precision ({@code nvidia-a40-48gb/fp16},
     * {@code amd-epyc-zen4-2c@1t/fp32}).
     */
    final String[] deviceKeys;
    /** Floor of each device key, from all its rows. */
    final Map<String, Double> deviceFloors;
    /** ln(work / base); NaN where the row does not train the efficiency. */
    final double[] target;

    private FamilyTable(OperatorFamily family, List<KernelMeasurement> rows) {
        this.family = family;
        this.names = OperatorFeatures.names(family);
        int n = rows.size();
        features = new double[n][];
        seconds = new double[n];
        rooflineSeconds = new double[n];
        baseSeconds = new double[n];
        devices = new DeviceFigures[n];
        deviceKeys = new String[n];
        Map<String, DeviceFigures> figures = new HashMap<>();
        Map<String, List<Integer>> byDevice = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            KernelMeasurement m = rows.get(i);
            String key = deviceKey(m);
            DeviceFigures d = figures.computeIfAbsent(key, k -> DeviceFigures.of(m.hardware(), m.precision()));
            OperatorFeatures.Row row = OperatorFeatures.of(m.operator(), d);
            features[i] = row.values();
            seconds[i] = m.seconds();
            rooflineSeconds[i] = row.roofline().seconds();
            baseSeconds[i] = row.baseSeconds();
            devices[i] = d;
            deviceKeys[i] = key;
            byDevice.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        deviceFloors = new LinkedHashMap<>();
        byDevice.forEach((k, v) -> deviceFloors.put(k, LaunchFloorFit.deviceFloor(
                v.stream().mapToDouble(i -> seconds[i]).toArray(), v.stream().mapToDouble(i -> baseSeconds[i]).toArray())));
        target = new double[n];
        for (int i = 0; i < n; i++) {
            double floor = deviceFloors.get(deviceKeys[i]);
            double work = seconds[i] - floor;
            target[i] = floor <= MAX_FLOOR_SHARE * seconds[i] && baseSeconds[i] > 0
                    ? Math.log(work / baseSeconds[i]) : Double.NaN;
        }
    }

    /**
     * The device a row ran on as the model tells devices apart: the hardware id, then for a CPU row the threads it
     * used ({@code @1t}: a CPU's figures depend on them), then the precision.
     */
    static String deviceKey(KernelMeasurement m) {
        return m.hardware().id() + (m.threads() > 0 ? "@" + m.threads() + "t" : "") + "/" + m.precision().id();
    }

    /** The family's ok measurements among {@code rows}. */
    static FamilyTable of(OperatorFamily family, List<KernelMeasurement> rows) {
        List<KernelMeasurement> mine = new ArrayList<>();
        for (KernelMeasurement m : rows) {
            if (m.isOk() && OperatorFamily.of(m.operator()).orElse(null) == family) {
                mine.add(m);
            }
        }
        return new FamilyTable(family, mine);
    }

    int size() {
        return seconds.length;
    }

    /** Median {@code ln(measured / roofline)} over {@code rows}: one efficiency for the family. */
    double medianLogRatio(int[] rows) {
        double[] r = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            r[j] = Math.log(seconds[rows[j]] / rooflineSeconds[rows[j]]);
        }
        return Stats.median(r);
    }

    /** The floors of the devices among {@code rows}, fitted into per-key medians. */
    LaunchFloors floors(int[] rows) {
        Map<String, LaunchFloorFit.DeviceFloor> seen = new LinkedHashMap<>();
        for (int i : rows) {
            seen.computeIfAbsent(deviceKeys[i], k -> new LaunchFloorFit.DeviceFloor(devices[i], deviceFloors.get(k)));
        }
        return LaunchFloorFit.fit(new ArrayList<>(seen.values()));
    }
}
