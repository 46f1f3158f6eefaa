package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.internal.Stats;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.LaunchFloors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits {@link LaunchFloors}: each training device's floor from its rows, then the table of medians per device
 * class that a device never seen falls back to.
 */
final class LaunchFloorFit {

    private LaunchFloorFit() {
    }

    /**
     * The floor of a device from its rows' measured and base times: the intercept of a least-squares line
     * {@code seconds = floor + slope x base} through the fifth of its rows with the smallest base time, kept
     * between 0 and those rows' median time. Where the small rows are all floor (isolated FP32 timings) the
     * intercept is their typical time, not the luckiest one; where even the smallest rows do real work (LLM
     * GEMMs), the line subtracts it instead of taking it for overhead.
     */
    static double deviceFloor(double[] seconds, double[] baseSeconds) {
        int n = seconds.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(baseSeconds[a], baseSeconds[b]));
        int m = Math.max(Math.min(n, 2), n / 5);
        double sx = 0;
        double sy = 0;
        for (int j = 0; j < m; j++) {
            sx += baseSeconds[order[j]];
            sy += seconds[order[j]];
        }
        double mx = sx / m;
        double my = sy / m;
        double sxx = 0;
        double sxy = 0;
        for (int j = 0; j < m; j++) {
            double dx = baseSeconds[order[j]] - mx;
            sxx += dx * dx;
            sxy += dx * (seconds[order[j]] - my);
        }
        double intercept = sxx > 0 ? my - sxy / sxx * mx : my;
        double[] small = new double[m];
        for (int j = 0; j < m; j++) {
            small[j] = seconds[order[j]];
        }
        return Math.max(0, Math.min(intercept, median(small)));
    }

    /** One device's floor with what keys it. */
    record DeviceFloor(DeviceFigures device, double seconds) {
    }

    /** Floors per key from the training devices' floors: medians over the devices each key covers. */
    static LaunchFloors fit(List<DeviceFloor> devices) {
        Map<String, List<Double>> byKey = new TreeMap<>();
        for (DeviceFloor d : devices) {
            for (String key : LaunchFloors.keys(d.device())) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(d.seconds());
            }
        }
        Map<String, Double> floors = new TreeMap<>();
        byKey.forEach((k, v) -> floors.put(k, median(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return new LaunchFloors(floors);
    }

    /** {@link Stats#median}, 0 for no values: no floor. */
    private static double median(double[] values) {
        return values.length == 0 ? 0 : Stats.median(values);
    }
}
