package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fixed time one call of an operator family costs on a device however small it is: launch and
 * synchronisation overhead as the training data measured it. A device's floor is the intercept of its smallest
 * rows' times over their base times (see {@link #deviceFloor}); a device the model never saw gets the median floor of the devices of its kind
 * (GPU or CPU), vendor and precision class (FP32 or tensor-core) it was trained on, falling back to fewer of
 * those when there are none.
 *
 * <p>The floor belongs to the measuring harness as much as to the device: NeuSight's isolated FP32 timings
 * include 25-60 us per call, Vidur's fp16 ones 1-6 us. Keying by precision class keeps the two apart.
 *
 * @param secondsByKey floor per key ({@code gpu/nvidia/fp32}, {@code gpu/nvidia}, {@code gpu}, {@code all})
 */
public record LaunchFloors(Map<String, Double> secondsByKey) {
    public LaunchFloors {
        secondsByKey = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(secondsByKey)));
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
            for (String key : keys(d.device())) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(d.seconds());
            }
        }
        Map<String, Double> floors = new TreeMap<>();
        byKey.forEach((k, v) -> floors.put(k, median(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return new LaunchFloors(floors);
    }

    /** The floor for a device: the most specific key the training data had. */
    public double seconds(DeviceFigures device) {
        for (String key : keys(device)) {
            Double s = secondsByKey.get(key);
            if (s != null) {
                return s;
            }
        }
        return 0;
    }

    /** Keys from the most specific to {@code all}. */
    static List<String> keys(DeviceFigures device) {
        String kind = device.gpu() ? "gpu" : "cpu";
        String vendor = device.vendor().isBlank() ? "unknown" : device.vendor();
        String precisionClass = device.precision() == Precision.FP32 ? "fp32" : "tensor";
        return List.of(kind + "/" + vendor + "/" + precisionClass, kind + "/" + precisionClass,
                kind + "/" + vendor, kind, "all");
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? 0 : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
