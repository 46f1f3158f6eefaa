package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.Precision;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fixed time one call of an operator family costs on a device however small it is: launch and
 * synchronisation overhead as the training data measured it, per device class. A device gets the floor of the
 * most specific class the training devices had: its kind (GPU or CPU), vendor and precision class (FP32 or
 * tensor-core), falling back to fewer of those ({@link #keys}). Training fits the table (the median floor of the
 * training devices of each class; {@code docs/operator-model.md}).
 *
 * <p>The floor belongs to the measuring harness as much as to the device: NeuSight's isolated FP32 timings
 * include 25-60 us per call, Vidur's fp16 ones 1-6 us. Keying by precision class keeps the two apart.
 *
 * @param secondsByKey floor per key ({@code gpu/nvidia/fp32}, {@code gpu/tensor}, {@code gpu/nvidia},
 *                     {@code gpu}, {@code all}), sorted by key
 */
public record LaunchFloors(Map<String, Double> secondsByKey) {
    /**
     * Copies the table, sorted by key; {@code secondsByKey} must not be null.
     *
     * @param secondsByKey floor per key ({@code gpu/nvidia/fp32}, {@code gpu/tensor}, {@code gpu/nvidia},
     *                     {@code gpu}, {@code all}), sorted by key
     */
    public LaunchFloors {
        secondsByKey = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(secondsByKey)));
    }

    /**
     * The floor for a device: that of the most specific key the table has, 0 when it has none.
     *
     * @param device the device's figures
     * @return the floor, in seconds per call
     */
    public double seconds(DeviceFigures device) {
        for (String key : keys(device)) {
            Double s = secondsByKey.get(key);
            if (s != null) {
                return s;
            }
        }
        return 0;
    }

    /**
     * The keys of a device, from the most specific to {@code all}.
     *
     * @param device the device's figures
     * @return kind/vendor/precision class, kind/precision class, kind/vendor, kind, {@code all}
     */
    public static List<String> keys(DeviceFigures device) {
        String kind = device.gpu() ? "gpu" : "cpu";
        String vendor = vendorKey(device);
        String precisionClass = precisionClass(device);
        return List.of(kind + "/" + vendor + "/" + precisionClass, kind + "/" + precisionClass,
                kind + "/" + vendor, kind, "all");
    }

    private static String vendorKey(DeviceFigures device) {
        return device.vendor().isBlank() ? "unknown" : device.vendor();
    }

    private static String precisionClass(DeviceFigures device) {
        return device.precision() == Precision.FP32 ? "fp32" : "tensor";
    }
}
