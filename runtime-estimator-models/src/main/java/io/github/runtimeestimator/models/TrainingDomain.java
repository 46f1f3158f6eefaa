package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The region of workloads an estimator was trained on, as far as it checks a spec against it: the range of model
 * sizes, FLOPs per sample and batch sizes, the precisions seen on each kind of hardware, the families, and the
 * figures of every training device (to measure how far another device lies from them). Recorded by training;
 * {@link #unknown()} for an artifact trained before it was.
 *
 * @param parameters             smallest and largest parameter count of a training row
 * @param flopsPerSample         smallest and largest forward FLOPs per sample
 * @param batchSize              smallest and largest batch size
 * @param precisionsByKind       hardware kind id ({@code gpu}, {@code cpu}) to the precision ids trained on it, sorted
 * @param families               model families trained on, sorted
 * @param hardware               the training devices' figures
 */
public record TrainingDomain(@JsonProperty("parameters") Range parameters,
                             @JsonProperty("flopsPerSample") Range flopsPerSample,
                             @JsonProperty("batchSize") Range batchSize,
                             @JsonProperty("precisionsByKind") Map<String, List<String>> precisionsByKind,
                             @JsonProperty("families") List<String> families,
                             @JsonProperty("hardware") List<Device> hardware) {

    /**
     * A closed range {@code [min, max]}; {@code [0, 0]} when unknown.
     *
     * @param min the smallest value, at least 0
     * @param max the largest value, finite and at least {@code min}
     */
    public record Range(@JsonProperty("min") double min, @JsonProperty("max") double max) {
        /**
         * Validates the bounds; fails with an IllegalArgumentException unless {@code 0 <= min <= max < inf}.
         *
         * @param min the smallest value, at least 0
         * @param max the largest value, finite and at least {@code min}
         */
        public Range {
            if (!(min >= 0 && max >= min) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("range [" + min + ", " + max + "] must be finite with 0 <= min <= max");
            }
        }

        /**
         * Whether {@code v} lies within the range, bounds included.
         *
         * @param v the value
         * @return true when {@code min <= v <= max}
         */
        public boolean contains(double v) {
            return v >= min && v <= max;
        }
    }

    /**
     * A training device's figures: what {@link #distanceTo} compares.
     *
     * @param id                             catalogue id
     * @param kind                           {@code gpu} or {@code cpu}
     * @param peakFlopsPerSecond             dense peak per precision id, per device
     * @param memoryBandwidthBytesPerSecond  memory bandwidth per device
     * @param precisions                     the precision ids trained on this device, sorted; empty when the artifact
     *                                       predates recording them (then only the kind's precisions are known)
     */
    public record Device(@JsonProperty("id") String id, @JsonProperty("kind") String kind,
                         @JsonProperty("peakFlopsPerSecond") Map<String, Double> peakFlopsPerSecond,
                         @JsonProperty("memoryBandwidthBytesPerSecond") double memoryBandwidthBytesPerSecond,
                         @JsonProperty("precisions") List<String> precisions) {
        /**
         * Normalises missing parts: null peaks are none, null precisions none; precisions are sorted.
         *
         * @param id                             catalogue id
         * @param kind                           {@code gpu} or {@code cpu}
         * @param peakFlopsPerSecond             dense peak per precision id, per device
         * @param memoryBandwidthBytesPerSecond  memory bandwidth per device
         * @param precisions                     the precision ids trained on this device, sorted; empty when the
         *                                       artifact predates recording them (then only the kind's precisions
         *                                       are known)
         */
        public Device {
            peakFlopsPerSecond = peakFlopsPerSecond == null ? Map.of()
                    : Collections.unmodifiableSortedMap(new TreeMap<>(peakFlopsPerSecond));
            precisions = precisions == null ? List.of() : List.copyOf(new TreeSet<>(precisions));
        }

        /**
         * The figures of {@code hw}, with no precisions recorded.
         *
         * @param hw the device
         * @return its figures
         */
        public static Device of(HardwareSpec hw) {
            return of(hw, List.of());
        }

        /**
         * The figures of {@code hw} and the precisions trained on it.
         *
         * @param hw         the device
         * @param precisions the precision ids trained on it
         * @return its figures
         */
        public static Device of(HardwareSpec hw, Collection<String> precisions) {
            Map<String, Double> peaks = new TreeMap<>();
            for (Precision p : Precision.values()) {
                peaks.put(p.id(), hw.peakFlopsPerSecond(p));
            }
            return new Device(hw.id(), hw.kind().id(), peaks, hw.memoryBandwidthBytesPerSecond(), List.copyOf(precisions));
        }

        /**
         * How far {@code hw} at {@code precision} lies from this device: the larger of |ln| of the ratio of their
         * peaks at that precision and of their memory bandwidths (0: the same figures; ln 10 = 2.3: ten times
         * faster or slower in one of them).
         *
         * @param hw        the other device
         * @param precision the precision whose peaks are compared (this device's fp32 peak when it records none)
         * @return the distance, at least 0
         */
        public double distanceTo(HardwareSpec hw, Precision precision) {
            Double own = peakFlopsPerSecond.get(precision.id());
            double peak = own == null ? peakFlopsPerSecond.getOrDefault(Precision.FP32.id(), 1.0) : own;
            double peakRatio = Math.abs(Math.log(hw.peakFlopsPerSecond(precision) / peak));
            double bandwidthRatio = Math.abs(Math.log(hw.memoryBandwidthBytesPerSecond()
                    / memoryBandwidthBytesPerSecond));
            return Math.max(peakRatio, bandwidthRatio);
        }
    }

    /**
     * Normalises missing parts: null precisions, families and hardware are none.
     *
     * @param parameters             smallest and largest parameter count of a training row
     * @param flopsPerSample         smallest and largest forward FLOPs per sample
     * @param batchSize              smallest and largest batch size
     * @param precisionsByKind       hardware kind id ({@code gpu}, {@code cpu}) to the precision ids trained on it,
     *                               sorted
     * @param families               model families trained on, sorted
     * @param hardware               the training devices' figures
     */
    public TrainingDomain {
        precisionsByKind = precisionsByKind == null ? Map.of() : sortedCopy(precisionsByKind);
        families = families == null ? List.of() : List.copyOf(families);
        hardware = hardware == null ? List.of() : List.copyOf(hardware);
    }

    private static Map<String, List<String>> sortedCopy(Map<String, List<String>> m) {
        TreeMap<String, List<String>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * Nothing recorded: an artifact trained before the domain was (no extrapolation is then reported but hardware).
     *
     * @return the unknown domain
     */
    public static TrainingDomain unknown() {
        return new TrainingDomain(new Range(0, 0), new Range(0, 0), new Range(0, 0), Map.of(), List.of(), List.of());
    }

    /**
     * The precisions trained on the device {@code hardwareId}, when the artifact records them per device; empty when
     * the device is not a training device or its precisions were not recorded.
     *
     * @param hardwareId the device's catalogue id
     * @return the precision ids, sorted
     */
    public List<String> precisionsOn(String hardwareId) {
        for (int i = 0; i < hardware.size(); i++) { // indexed: predict's hot path allocates no iterator
            Device d = hardware.get(i);
            if (d.id().equals(hardwareId)) {
                return d.precisions();
            }
        }
        return List.of();
    }

    /**
     * Whether training recorded this domain.
     *
     * @return true when a batch size range is recorded
     */
    @JsonIgnore
    public boolean isKnown() {
        return batchSize.max() >= 1;
    }

    /**
     * How far {@code hw} at {@code precision} lies from the nearest training device ({@link Device#distanceTo});
     * 0 for a training device, and when no device is recorded.
     *
     * @param hw        the device
     * @param precision the precision whose peaks are compared
     * @return the distance, at least 0
     */
    public double hardwareDistance(HardwareSpec hw, Precision precision) {
        double best = Double.POSITIVE_INFINITY;
        for (Device d : hardware) {
            if (d.id().equals(hw.id())) {
                return 0;
            }
            best = Math.min(best, d.distanceTo(hw, precision));
        }
        return Double.isInfinite(best) ? 0 : best;
    }
}
