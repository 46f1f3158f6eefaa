package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Checks;
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
 * <p>The figures after {@code sources} (caches, clocks, FP8, interconnect, board power, CPU identities) are
 * optional datasheet details an operator-level model and the energy estimate read; 0 or empty means "not known",
 * and such keys are left out of the JSON. A spec written before they existed reads unchanged.
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
 * @param architecture                  the micro-architecture ({@code Hopper}, {@code CDNA 3}, {@code Zen 4});
 *                                      empty when not known
 * @param baseClockMhz                  base clock; for a CPU it is {@code clockMhz} (the nominal clock), 0 when
 *                                      not known
 * @param boostClockMhz                 highest boost clock; for a GPU it is {@code clockMhz}, 0 when not known
 * @param l2CacheBytes                  L2 cache of one device (a CPU: all its cores' L2), 0 when not known
 * @param l3CacheBytes                  last-level cache behind L2: a CPU's L3, an AMD GPU's Infinity Cache;
 *                                      0 when there is none or it is not known
 * @param memoryType                    {@code HBM3}, {@code GDDR6X}, {@code DDR5-4800}...; empty when not known
 * @param fp8PeakFlopsPerSecond         dense FP8 tensor peak per device, 0 when the device has no FP8 path
 * @param fp32MatrixPeakFlopsPerSecond  dense FP32 peak on matrix units at full FP32 precision (AMD CDNA's
 *                                      FP32 matrix rate), 0 when the device has none; {@code tf32} is the reduced
 *                                      precision tensor rate and {@code fp32} the vector rate
 * @param pcieGeneration                host interface PCIe generation (3, 4, 5...), 0 when not known
 * @param pcieLanes                     host interface PCIe lanes (16, 8...), 0 when not known
 * @param interconnect                  device-to-device link ({@code NVLink 4}, {@code Infinity Fabric}); empty
 *                                      when there is none beyond PCIe or it is not known
 * @param interconnectBandwidthBytesPerSecond total device-to-device bandwidth of one device over that link,
 *                                      both directions summed as vendors quote it (900e9 for an H100 SXM); 0 when
 *                                      none
 * @param tdpWatts                      board power (GPU) or TDP of the entry's cores (CPU) in watts, the most
 *                                      the device draws; 0 when not known
 * @param cpuIds                        CPU identities this entry describes, as {@link
 *                                      io.github.runtimeestimator.core.catalog.internal.CpuInfo#cpuId()} writes them
 *                                      ({@code GenuineIntel:6:143}, {@code AuthenticAMD:25:17},
 *                                      {@code ARM:0x41:0xd40}); empty for a GPU or when not known
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
        @JsonProperty("sources") List<String> sources,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("baseClockMhz") @JsonInclude(JsonInclude.Include.NON_DEFAULT) double baseClockMhz,
        @JsonProperty("boostClockMhz") @JsonInclude(JsonInclude.Include.NON_DEFAULT) double boostClockMhz,
        @JsonProperty("l2CacheBytes") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long l2CacheBytes,
        @JsonProperty("l3CacheBytes") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long l3CacheBytes,
        @JsonProperty("memoryType") String memoryType,
        @JsonProperty("fp8PeakFlopsPerSecond") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        double fp8PeakFlopsPerSecond,
        @JsonProperty("fp32MatrixPeakFlopsPerSecond") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        double fp32MatrixPeakFlopsPerSecond,
        @JsonProperty("pcieGeneration") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int pcieGeneration,
        @JsonProperty("pcieLanes") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int pcieLanes,
        @JsonProperty("interconnect") String interconnect,
        @JsonProperty("interconnectBandwidthBytesPerSecond") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        double interconnectBandwidthBytesPerSecond,
        @JsonProperty("tdpWatts") @JsonInclude(JsonInclude.Include.NON_DEFAULT) double tdpWatts,
        @JsonProperty("cpuIds") List<String> cpuIds) {

    /**
     * Validates the figures and fills the defaults; fails with a SpecValidationException naming the field.
     *
     * <p>{@code id}, {@code name} and {@code kind} are required; every peak is above 0 and FP32 is among them;
     * memory, memory bandwidth, compute units and clock are above 0. A device count of 0 becomes 1. A CPU's
     * {@code threadsUsed} of 0 becomes its {@code computeUnits}; a GPU's must be 0. {@code clockMhz} is a GPU's
     * {@code boostClockMhz} or a CPU's {@code baseClockMhz}, which must be left out (0) or equal it; a known base
     * clock is at most a known boost clock. The optional figures are 0 or more. Null text and lists become empty;
     * the lists and the peak map are copied, unmodifiable.
     *
     * @param id                            catalogue id, lower-case slug; not blank
     * @param name                          human name; not blank
     * @param kind                          GPU or CPU; required
     * @param vendor                        {@code nvidia}, {@code amd}, {@code intel}; null becomes empty
     * @param deviceCount                   devices used, at least 1; 0 becomes 1
     * @param peakFlopsPerSecond            dense peak FLOP/s per precision per device, each &gt; 0; FP32 required
     * @param memoryBytes                   device memory, in bytes, at least 1
     * @param memoryBandwidthBytesPerSecond peak memory bandwidth per device, in bytes per second, &gt; 0
     * @param computeUnits                  SMs, CUs or physical cores, at least 1
     * @param clockMhz                      boost clock (GPU) or nominal clock (CPU), in MHz, &gt; 0
     * @param threadsUsed                   CPU: intra-op threads used, 0 for all cores; GPU: 0
     * @param vectorIsa                     CPU: widest vector ISA; GPU: empty; null becomes empty
     * @param aliases                       names a driver or {@code /proc/cpuinfo} reports; null becomes empty
     * @param sources                       where each figure comes from; null becomes empty
     * @param architecture                  the micro-architecture; null or empty when not known
     * @param baseClockMhz                  base clock, in MHz; 0 when not known
     * @param boostClockMhz                 highest boost clock, in MHz; 0 when not known
     * @param l2CacheBytes                  L2 cache of one device, in bytes; 0 when not known
     * @param l3CacheBytes                  last-level cache behind L2, in bytes; 0 when none or not known
     * @param memoryType                    memory technology ({@code HBM3}); null or empty when not known
     * @param fp8PeakFlopsPerSecond         dense FP8 tensor peak per device, in FLOP/s; 0 when there is none
     * @param fp32MatrixPeakFlopsPerSecond  dense FP32 peak on matrix units, in FLOP/s; 0 when there is none
     * @param pcieGeneration                host interface PCIe generation; 0 when not known
     * @param pcieLanes                     host interface PCIe lanes; 0 when not known
     * @param interconnect                  device-to-device link; null or empty when none beyond PCIe or not known
     * @param interconnectBandwidthBytesPerSecond that link's bandwidth per device, in bytes per second; 0 when none
     * @param tdpWatts                      board power (GPU) or TDP of the cores (CPU), in watts; 0 when not known
     * @param cpuIds                        CPU identities this entry describes; null or empty when none
     */
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
        architecture = architecture == null ? "" : architecture;
        memoryType = memoryType == null ? "" : memoryType;
        interconnect = interconnect == null ? "" : interconnect;
        cpuIds = cpuIds == null ? List.of() : List.copyOf(cpuIds);
        Checks.nonNegative("hardware.baseClockMhz", baseClockMhz);
        Checks.nonNegative("hardware.boostClockMhz", boostClockMhz);
        if (kind == HardwareKind.GPU) {
            boostClockMhz = sameClockOrDefault("hardware.boostClockMhz", boostClockMhz, clockMhz,
                    "clockMhz is a GPU's boost clock");
        } else {
            baseClockMhz = sameClockOrDefault("hardware.baseClockMhz", baseClockMhz, clockMhz,
                    "clockMhz is a CPU's nominal (base) clock");
        }
        if (baseClockMhz > 0 && boostClockMhz > 0 && baseClockMhz > boostClockMhz) {
            throw new SpecValidationException("hardware.baseClockMhz", baseClockMhz,
                    "must be <= boostClockMhz (" + boostClockMhz + ")");
        }
        Checks.atLeast("hardware.l2CacheBytes", l2CacheBytes, 0L);
        Checks.atLeast("hardware.l3CacheBytes", l3CacheBytes, 0L);
        Checks.nonNegative("hardware.fp8PeakFlopsPerSecond", fp8PeakFlopsPerSecond);
        Checks.nonNegative("hardware.fp32MatrixPeakFlopsPerSecond", fp32MatrixPeakFlopsPerSecond);
        Checks.atLeast("hardware.pcieGeneration", pcieGeneration, 0);
        Checks.atLeast("hardware.pcieLanes", pcieLanes, 0);
        Checks.nonNegative("hardware.interconnectBandwidthBytesPerSecond", interconnectBandwidthBytesPerSecond);
        Checks.nonNegative("hardware.tdpWatts", tdpWatts);
    }

    /** {@code given} when it is 0 (not stated) or equal to {@code clockMhz}: then {@code clockMhz}; else fails. */
    private static double sameClockOrDefault(String field, double given, double clockMhz, String rule) {
        if (given != 0 && given != clockMhz) {
            throw new SpecValidationException(field, given, "must equal clockMhz (" + clockMhz + ") or be left out: "
                    + rule);
        }
        return clockMhz;
    }

    /**
     * A builder with nothing set but one device.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this spec's figures, to make a changed copy.
     *
     * @return a new builder set to this spec
     */
    public Builder toBuilder() {
        Builder b = new Builder().id(id).name(name).kind(kind).vendor(vendor).deviceCount(deviceCount)
                .memoryBytes(memoryBytes).memoryBandwidthBytesPerSecond(memoryBandwidthBytesPerSecond)
                .computeUnits(computeUnits).clockMhz(clockMhz).threadsUsed(threadsUsed).vectorIsa(vectorIsa)
                .aliases(aliases).sources(sources).architecture(architecture).baseClockMhz(baseClockMhz)
                .boostClockMhz(boostClockMhz).l2CacheBytes(l2CacheBytes).l3CacheBytes(l3CacheBytes)
                .memoryType(memoryType).fp8PeakFlopsPerSecond(fp8PeakFlopsPerSecond)
                .fp32MatrixPeakFlopsPerSecond(fp32MatrixPeakFlopsPerSecond).pcieGeneration(pcieGeneration)
                .pcieLanes(pcieLanes).interconnect(interconnect)
                .interconnectBandwidthBytesPerSecond(interconnectBandwidthBytesPerSecond).tdpWatts(tdpWatts)
                .cpuIds(cpuIds);
        peakFlopsPerSecond.forEach(b::peakFlopsPerSecond);
        return b;
    }

    /**
     * Dense peak FLOP/s of one device at {@code precision}. A device that lists no figure for it runs at the
     * first listed precision of {@link Precision#fallbacks()} (TF32 on a V100 runs at its FP32 rate).
     *
     * @param precision the precision to look up
     * @return the peak, in FLOP/s per device
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

    /**
     * Whether this is a host CPU.
     *
     * @return true when {@code kind} is CPU
     */
    @JsonIgnore
    public boolean isCpu() {
        return kind == HardwareKind.CPU;
    }

    /**
     * An upper bound on the energy {@code seconds} of work take on this hardware, in joules: seconds x board
     * power ({@link #tdpWatts()}) x {@link #deviceCount()}. Devices rarely draw their full board power (memory-bound
     * work draws less), so the real figure is lower; the host around a GPU is not counted. NaN when the board
     * power is not known.
     *
     * @param seconds the time the work takes, in seconds
     * @return the bound, in joules, or NaN
     */
    public double energyUpperBoundJoules(double seconds) {
        return tdpWatts > 0 ? seconds * tdpWatts * deviceCount : Double.NaN;
    }

    /**
     * This device with another device count.
     *
     * @param count devices used, at least 1 (0 becomes 1)
     * @return a copy with {@code deviceCount} set
     * @throws SpecValidationException when {@code count} is negative
     */
    public HardwareSpec withDeviceCount(int count) {
        return toBuilder().deviceCount(count).build();
    }

    /**
     * This CPU run with another intra-op thread count.
     *
     * @param threads intra-op threads, at least 1 (0 becomes {@code computeUnits})
     * @return a copy with {@code threadsUsed} set
     * @throws SpecValidationException when this spec is not a CPU, or {@code threads} is negative
     */
    public HardwareSpec withThreadsUsed(int threads) {
        if (kind != HardwareKind.CPU) {
            throw new SpecValidationException("hardware.threadsUsed", threads, "can only be set on a CPU");
        }
        return toBuilder().threadsUsed(threads).build();
    }

    /**
     * This CPU composed for another core count from its per-core figures: peaks, L2, L3, memory bandwidth, memory
     * capacity and TDP are scaled by {@code cores / computeUnits} (L3, bandwidth, memory and TDP belong to the
     * socket or host, shared evenly over its cores: a slice of a socket gets its share), the clock is kept, every
     * core is used
     * ({@code threadsUsed = cores}). The id becomes {@code <id without its -Nc suffix>-<cores>c} and the sources
     * say how it was composed. {@code cores == computeUnits} returns this spec.
     *
     * @param cores physical cores, at least 1
     * @return the composed spec, or this spec
     * @throws SpecValidationException when this spec is not a CPU, or {@code cores} is below 1
     */
    public HardwareSpec withCores(int cores) {
        if (kind != HardwareKind.CPU) {
            throw new SpecValidationException("hardware.cores", cores, "can only be set on a CPU");
        }
        Checks.atLeast("hardware.cores", cores, 1);
        if (cores == computeUnits) {
            return this;
        }
        double share = (double) cores / computeUnits;
        Builder b = toBuilder().id(coreCountStem(id) + "-" + cores + "c")
                .name(name.replaceFirst(",\\s*\\d+ cores$", "") + ", " + cores + " cores")
                .computeUnits(cores).threadsUsed(cores)
                .l2CacheBytes(Math.round(l2CacheBytes * share)).l3CacheBytes(Math.round(l3CacheBytes * share))
                .memoryBandwidthBytesPerSecond(memoryBandwidthBytesPerSecond * share).tdpWatts(tdpWatts * share)
                .memoryBytes(Math.max(1L, Math.round(memoryBytes * share)));
        peakFlopsPerSecond.forEach((p, v) -> b.peakFlopsPerSecond(p, v * share));
        List<String> src = new java.util.ArrayList<>();
        src.add(String.format(java.util.Locale.ROOT, "composed for %d cores from catalogue entry %s (%d cores):"
                + " peaks, L2, L3, memory bandwidth, memory capacity and TDP scaled by %d/%d; clock kept",
                cores, id, computeUnits, cores, computeUnits));
        src.addAll(sources);
        return b.sources(src).build();
    }

    /**
     * {@code amd-epyc-genoa-9654-96c} -> {@code amd-epyc-genoa-9654}: the id without a trailing core count.
     *
     * @param id a catalogue id
     * @return the id without a trailing {@code -Nc}; the id itself when it has none
     */
    public static String coreCountStem(String id) {
        return id.replaceFirst("-\\d+c$", "");
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
        private String architecture;
        private double baseClockMhz;
        private double boostClockMhz;
        private long l2CacheBytes;
        private long l3CacheBytes;
        private String memoryType;
        private double fp8PeakFlopsPerSecond;
        private double fp32MatrixPeakFlopsPerSecond;
        private int pcieGeneration;
        private int pcieLanes;
        private String interconnect;
        private double interconnectBandwidthBytesPerSecond;
        private double tdpWatts;
        private List<String> cpuIds = List.of();

        private Builder() {
        }

        /**
         * The catalogue id, a lower-case slug; required.
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The human name; required.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * GPU or CPU; required.
         *
         * @param kind the kind
         * @return this builder
         */
        public Builder kind(HardwareKind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * The vendor ({@code nvidia}, {@code amd}, {@code intel}).
         *
         * @param vendor the vendor, or null for none
         * @return this builder
         */
        public Builder vendor(String vendor) {
            this.vendor = vendor;
            return this;
        }

        /**
         * Devices used; 1 unless set.
         *
         * @param deviceCount the count, at least 1
         * @return this builder
         */
        public Builder deviceCount(int deviceCount) {
            this.deviceCount = deviceCount;
            return this;
        }

        /**
         * Dense peak of one device at {@code precision}, replacing an earlier figure; FP32 is required.
         *
         * @param precision      the precision
         * @param flopsPerSecond the peak, in FLOP/s, &gt; 0
         * @return this builder
         */
        public Builder peakFlopsPerSecond(Precision precision, double flopsPerSecond) {
            this.peaks.put(precision, flopsPerSecond);
            return this;
        }

        /**
         * Device memory, in bytes; required.
         *
         * @param memoryBytes the memory, at least 1
         * @return this builder
         */
        public Builder memoryBytes(long memoryBytes) {
            this.memoryBytes = memoryBytes;
            return this;
        }

        /**
         * Peak memory bandwidth per device; required.
         *
         * @param bytesPerSecond the bandwidth, in bytes per second, &gt; 0
         * @return this builder
         */
        public Builder memoryBandwidthBytesPerSecond(double bytesPerSecond) {
            this.memoryBandwidthBytesPerSecond = bytesPerSecond;
            return this;
        }

        /**
         * SMs, CUs or physical cores; required.
         *
         * @param computeUnits the count, at least 1
         * @return this builder
         */
        public Builder computeUnits(int computeUnits) {
            this.computeUnits = computeUnits;
            return this;
        }

        /**
         * Boost clock (GPU) or nominal clock (CPU); required.
         *
         * @param clockMhz the clock, in MHz, &gt; 0
         * @return this builder
         */
        public Builder clockMhz(double clockMhz) {
            this.clockMhz = clockMhz;
            return this;
        }

        /**
         * CPU: intra-op threads used, 0 (unless set) for all cores; GPU: leave it 0.
         *
         * @param threadsUsed the thread count
         * @return this builder
         */
        public Builder threadsUsed(int threadsUsed) {
            this.threadsUsed = threadsUsed;
            return this;
        }

        /**
         * CPU: the widest vector ISA ({@code avx2}, {@code avx512}, {@code amx}).
         *
         * @param vectorIsa the ISA, or null for none
         * @return this builder
         */
        public Builder vectorIsa(String vectorIsa) {
            this.vectorIsa = vectorIsa;
            return this;
        }

        /**
         * Names a driver or {@code /proc/cpuinfo} reports for this device.
         *
         * @param aliases the names, or null for none
         * @return this builder
         */
        public Builder aliases(List<String> aliases) {
            this.aliases = aliases;
            return this;
        }

        /**
         * Where each figure comes from.
         *
         * @param sources the sources, or null for none
         * @return this builder
         */
        public Builder sources(List<String> sources) {
            this.sources = sources;
            return this;
        }

        /**
         * The micro-architecture ({@code Hopper}).
         *
         * @param architecture the architecture, or null when not known
         * @return this builder
         */
        public Builder architecture(String architecture) {
            this.architecture = architecture;
            return this;
        }

        /**
         * Base clock; for a CPU leave it 0 or equal to {@code clockMhz}.
         *
         * @param baseClockMhz the clock, in MHz; 0 when not known
         * @return this builder
         */
        public Builder baseClockMhz(double baseClockMhz) {
            this.baseClockMhz = baseClockMhz;
            return this;
        }

        /**
         * Highest boost clock; for a GPU leave it 0 or equal to {@code clockMhz}.
         *
         * @param boostClockMhz the clock, in MHz; 0 when not known
         * @return this builder
         */
        public Builder boostClockMhz(double boostClockMhz) {
            this.boostClockMhz = boostClockMhz;
            return this;
        }

        /**
         * L2 cache of one device (a CPU: all its cores' L2).
         *
         * @param l2CacheBytes the cache, in bytes; 0 when not known
         * @return this builder
         */
        public Builder l2CacheBytes(long l2CacheBytes) {
            this.l2CacheBytes = l2CacheBytes;
            return this;
        }

        /**
         * Last-level cache behind L2: a CPU's L3, an AMD GPU's Infinity Cache.
         *
         * @param l3CacheBytes the cache, in bytes; 0 when none or not known
         * @return this builder
         */
        public Builder l3CacheBytes(long l3CacheBytes) {
            this.l3CacheBytes = l3CacheBytes;
            return this;
        }

        /**
         * Memory technology ({@code HBM3}, {@code DDR5-4800}).
         *
         * @param memoryType the type, or null when not known
         * @return this builder
         */
        public Builder memoryType(String memoryType) {
            this.memoryType = memoryType;
            return this;
        }

        /**
         * Dense FP8 tensor peak per device.
         *
         * @param flopsPerSecond the peak, in FLOP/s; 0 when there is none
         * @return this builder
         */
        public Builder fp8PeakFlopsPerSecond(double flopsPerSecond) {
            this.fp8PeakFlopsPerSecond = flopsPerSecond;
            return this;
        }

        /**
         * Dense FP32 peak on matrix units per device.
         *
         * @param flopsPerSecond the peak, in FLOP/s; 0 when there is none
         * @return this builder
         */
        public Builder fp32MatrixPeakFlopsPerSecond(double flopsPerSecond) {
            this.fp32MatrixPeakFlopsPerSecond = flopsPerSecond;
            return this;
        }

        /**
         * Host interface PCIe generation.
         *
         * @param pcieGeneration the generation; 0 when not known
         * @return this builder
         */
        public Builder pcieGeneration(int pcieGeneration) {
            this.pcieGeneration = pcieGeneration;
            return this;
        }

        /**
         * Host interface PCIe lanes.
         *
         * @param pcieLanes the lanes; 0 when not known
         * @return this builder
         */
        public Builder pcieLanes(int pcieLanes) {
            this.pcieLanes = pcieLanes;
            return this;
        }

        /**
         * Device-to-device link ({@code NVLink 4}).
         *
         * @param interconnect the link, or null when none or not known
         * @return this builder
         */
        public Builder interconnect(String interconnect) {
            this.interconnect = interconnect;
            return this;
        }

        /**
         * Total device-to-device bandwidth of one device over that link.
         *
         * @param bytesPerSecond the bandwidth, in bytes per second; 0 when none
         * @return this builder
         */
        public Builder interconnectBandwidthBytesPerSecond(double bytesPerSecond) {
            this.interconnectBandwidthBytesPerSecond = bytesPerSecond;
            return this;
        }

        /**
         * Board power (GPU) or TDP of the entry's cores (CPU).
         *
         * @param tdpWatts the power, in watts; 0 when not known
         * @return this builder
         */
        public Builder tdpWatts(double tdpWatts) {
            this.tdpWatts = tdpWatts;
            return this;
        }

        /**
         * CPU identities this entry describes ({@code GenuineIntel:6:143}).
         *
         * @param cpuIds the identities, or null for none
         * @return this builder
         */
        public Builder cpuIds(List<String> cpuIds) {
            this.cpuIds = cpuIds;
            return this;
        }

        /**
         * Builds the spec, validated and completed as the canonical constructor does.
         *
         * @return the spec
         * @throws SpecValidationException when a figure breaks its rule, naming the field
         */
        public HardwareSpec build() {
            return new HardwareSpec(id, name, kind, vendor, deviceCount, peaks, memoryBytes,
                    memoryBandwidthBytesPerSecond, computeUnits, clockMhz, threadsUsed, vectorIsa, aliases, sources,
                    architecture, baseClockMhz, boostClockMhz, l2CacheBytes, l3CacheBytes, memoryType,
                    fp8PeakFlopsPerSecond, fp32MatrixPeakFlopsPerSecond, pcieGeneration, pcieLanes, interconnect,
                    interconnectBandwidthBytesPerSecond, tdpWatts, cpuIds);
        }
    }
}
