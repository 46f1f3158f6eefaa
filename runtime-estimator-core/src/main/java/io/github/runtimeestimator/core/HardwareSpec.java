package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of device a workload runs on: a GPU (or other accelerator) or a host CPU, with the datasheet
 * figures the physics features need. Peaks are dense (no sparsity) and per device; {@code deviceCount}
 * says how many of them the workload uses.
 *
 * <p>For a CPU, {@code computeUnits} is its physical cores, {@code threadsUsed} the intra-op threads the
 * framework runs with (what a measurement row records), and {@code peakFlopsPerSecond} is for all cores.
 * For a GPU, {@code computeUnits} is SMs (NVIDIA) or CUs (AMD) and {@code threadsUsed} is 0.
 *
 * @param id                            catalogue id, lower-case slug ({@code nvidia-h100-sxm-80gb})
 * @param name                          human name ({@code NVIDIA H100 SXM5 80GB})
 * @param kind                          GPU or CPU
 * @param vendor                        {@code nvidia}, {@code amd}, {@code intel}
 * @param deviceCount                   devices used, at least 1
 * @param peakFlopsPerSecond            dense peak FLOP/s per precision per device; FP32 is required
 * @param memoryBytes                   device memory (a CPU entry: a typical host's RAM), > 0
 * @param memoryBandwidthBytesPerSecond peak memory bandwidth per device, > 0
 * @param computeUnits                  SMs, CUs or physical cores, at least 1
 * @param clockMhz                      boost clock (GPU) or nominal clock (CPU), > 0
 * @param threadsUsed                   CPU: intra-op threads used (1..), GPU: 0
 * @param vectorIsa                     CPU: widest vector ISA ({@code avx2}, {@code avx512}, {@code amx}); GPU: empty
 * @param aliases                       names a driver or {@code /proc/cpuinfo} reports for this device
 * @param sources                       where each figure comes from
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HardwareSpec(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("kind") HardwareKind kind,
        @JsonProperty("vendor") String vendor,
        @JsonProperty("deviceCount") int deviceCount,
        @JsonProperty("peakFlopsPerSecond") Map<Precision, Double> peakFlopsPerSecond,
        @JsonProperty("memoryBytes") long memoryBytes,
        @JsonProperty("memoryBandwidthBytesPerSecond") double memoryBandwidthBytesPerSecond,
        @JsonProperty("computeUnits") int computeUnits,
        @JsonProperty("clockMhz") double clockMhz,
        @JsonProperty("threadsUsed") int threadsUsed,
        @JsonProperty("vectorIsa") String vectorIsa,
        @JsonProperty("aliases") List<String> aliases,
        @JsonProperty("sources") List<String> sources) {

    public HardwareSpec {
        Checks.requiredText("hardware.id", id);
        Checks.requiredText("hardware.name", name);
        Checks.required("hardware.kind", kind);
        vendor = vendor == null ? "" : vendor;
        deviceCount = deviceCount == 0 ? 1 : deviceCount;
        Checks.atLeast("hardware.deviceCount", deviceCount, 1);
        Checks.required("hardware.peakFlopsPerSecond", peakFlopsPerSecond);
        EnumMap<Precision, Double> peaks = new EnumMap<>(Precision.class);
        for (Map.Entry<Precision, Double> e : peakFlopsPerSecond.entrySet()) {
            Checks.required("hardware.peakFlopsPerSecond", e.getKey());
            String field = "hardware.peakFlopsPerSecond." + e.getKey().id();
            peaks.put(e.getKey(), Checks.positive(field, Checks.required(field, e.getValue())));
        }
        if (!peaks.containsKey(Precision.FP32)) {
            throw new SpecValidationException("hardware.peakFlopsPerSecond.fp32", null,
                    "is required: every device needs its FP32 peak");
        }
        peakFlopsPerSecond = Collections.unmodifiableMap(peaks);
        Checks.atLeast("hardware.memoryBytes", memoryBytes, 1L);
        Checks.positive("hardware.memoryBandwidthBytesPerSecond", memoryBandwidthBytesPerSecond);
        Checks.atLeast("hardware.computeUnits", computeUnits, 1);
        Checks.positive("hardware.clockMhz", clockMhz);
        if (kind == HardwareKind.CPU) {
            threadsUsed = threadsUsed == 0 ? computeUnits : threadsUsed;
            Checks.atLeast("hardware.threadsUsed", threadsUsed, 1);
        } else if (threadsUsed != 0) {
            throw new SpecValidationException("hardware.threadsUsed", threadsUsed, "must be 0 for a GPU");
        }
        vectorIsa = vectorIsa == null ? "" : vectorIsa;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().id(id).name(name).kind(kind).vendor(vendor).deviceCount(deviceCount)
                .memoryBytes(memoryBytes).memoryBandwidthBytesPerSecond(memoryBandwidthBytesPerSecond)
                .computeUnits(computeUnits).clockMhz(clockMhz).threadsUsed(threadsUsed).vectorIsa(vectorIsa)
                .aliases(aliases).sources(sources);
        peakFlopsPerSecond.forEach(b::peakFlopsPerSecond);
        return b;
    }

    /**
     * Dense peak FLOP/s of one device at {@code precision}. A device that lists no figure for it runs at the
     * first listed precision of {@link Precision#fallbacks()} (TF32 on a V100 runs at its FP32 rate).
     */
    public double peakFlopsPerSecond(Precision precision) {
        Double direct = peakFlopsPerSecond.get(precision);
        if (direct != null) {
            return direct;
        }
        for (Precision p : precision.fallbacks()) {
            Double v = peakFlopsPerSecond.get(p);
            if (v != null) {
                return v;
            }
        }
        return peakFlopsPerSecond.get(Precision.FP32);
    }

    @JsonIgnore
    public boolean isCpu() {
        return kind == HardwareKind.CPU;
    }

    /** This device with another device count. */
    public HardwareSpec withDeviceCount(int count) {
        return toBuilder().deviceCount(count).build();
    }

    /** This CPU run with another intra-op thread count. */
    public HardwareSpec withThreadsUsed(int threads) {
        if (kind != HardwareKind.CPU) {
            throw new SpecValidationException("hardware.threadsUsed", threads, "can only be set on a CPU");
        }
        return toBuilder().threadsUsed(threads).build();
    }

    /** Builds a {@link HardwareSpec}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String id;
        private String name;
        private HardwareKind kind;
        private String vendor;
        private int deviceCount = 1;
        private final EnumMap<Precision, Double> peaks = new EnumMap<>(Precision.class);
        private long memoryBytes;
        private double memoryBandwidthBytesPerSecond = Double.NaN;
        private int computeUnits;
        private double clockMhz = Double.NaN;
        private int threadsUsed;
        private String vectorIsa;
        private List<String> aliases = List.of();
        private List<String> sources = List.of();

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder kind(HardwareKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder vendor(String vendor) {
            this.vendor = vendor;
            return this;
        }

        public Builder deviceCount(int deviceCount) {
            this.deviceCount = deviceCount;
            return this;
        }

        public Builder peakFlopsPerSecond(Precision precision, double flopsPerSecond) {
            this.peaks.put(precision, flopsPerSecond);
            return this;
        }

        public Builder memoryBytes(long memoryBytes) {
            this.memoryBytes = memoryBytes;
            return this;
        }

        public Builder memoryBandwidthBytesPerSecond(double bytesPerSecond) {
            this.memoryBandwidthBytesPerSecond = bytesPerSecond;
            return this;
        }

        public Builder computeUnits(int computeUnits) {
            this.computeUnits = computeUnits;
            return this;
        }

        public Builder clockMhz(double clockMhz) {
            this.clockMhz = clockMhz;
            return this;
        }

        public Builder threadsUsed(int threadsUsed) {
            this.threadsUsed = threadsUsed;
            return this;
        }

        public Builder vectorIsa(String vectorIsa) {
            this.vectorIsa = vectorIsa;
            return this;
        }

        public Builder aliases(List<String> aliases) {
            this.aliases = aliases;
            return this;
        }

        public Builder sources(List<String> sources) {
            this.sources = sources;
            return this;
        }

        public HardwareSpec build() {
            return new HardwareSpec(id, name, kind, vendor, deviceCount, peaks, memoryBytes,
                    memoryBandwidthBytesPerSecond, computeUnits, clockMhz, threadsUsed, vectorIsa, aliases, sources);
        }
    }
}
