package io.github.runtimeestimator.core.catalog;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.internal.CpuInfo;
import io.github.runtimeestimator.core.catalog.internal.GpuInfo;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes the machine the JVM runs on as a {@link HardwareSpec}, so a caller can estimate "here" without
 * naming its hardware.
 *
 * <p>If {@code nvidia-smi} (else {@code rocm-smi}) is on the {@code PATH} and reports a GPU the catalogue knows,
 * the result is that catalogue entry with {@code deviceCount} = the GPUs the driver sees. Otherwise it is the
 * host CPU, mapped to the catalogue only when its family and model match ({@link CpuInfo#cpuId()}):
 * <ol>
 *   <li>an entry with the CPU's model name, core count and CPU id (an entry that lists no CPU id matches on
 *       name and cores alone, as user catalogues written before CPU ids did): that entry;</li>
 *   <li>else an entry with the CPU's id (same micro-architecture, another SKU or core count): its per-core,
 *       per-cycle figures composed for this CPU's physical cores at its nominal clock, as an entry of its own
 *       ({@code local-cpu-...}) whose sources name the entry it came from;</li>
 *   <li>else (another generation, or a CPU the catalogue does not know) a spec built from {@code /proc/cpuinfo}
 *       and {@code /proc/meminfo}, whose sources say why no entry was used (a Zen 5 behind the masked name
 *       {@code AMD EPYC} is not the Zen 4 entry of that name):</li>
 * </ol>
 * <ul>
 *   <li>peak FP32 = physical cores x nominal MHz x {@link CpuInfo#fp32FlopsPerCycle()} (64 for AVX-512 on
 *       Intel, 32 for AVX2 or AMD's AVX-512, 16 otherwise); other precisions fall back to it;</li>
 *   <li>memory = {@code MemTotal} of {@code /proc/meminfo} (the OS's total when that file is absent);</li>
 *   <li>bandwidth = {@link #DEFAULT_CPU_BANDWIDTH_BYTES_PER_SECOND}, a conservative guess, because no file
 *       tells it;</li>
 *   <li>clock = the {@code @ x.xxGHz} of the model name, else the highest {@code cpu MHz}, else
 *       {@link #DEFAULT_CPU_CLOCK_MHZ}.</li>
 * </ul>
 * The spec's {@code sources} say which of these happened. An unknown GPU is logged (with close ids) and the
 * CPU is returned, since its peaks cannot be guessed.
 *
 * <p>Parsing is in pure functions over file text ({@link #describe}, {@link CpuInfo#parse},
 * {@link GpuInfo#parseNvidiaSmiCsv}, {@link #parseMemTotalBytes}); only {@link #detectLocal} reads files and
 * runs a process.
 */
public final class HardwareProbe {
    /**
     * Memory bandwidth assumed for a CPU the catalogue does not know: 20 GB/s, about one DDR4-2666 channel.
     * Servers have several times more; a low figure errs towards slower, memory-bound estimates.
     */
    public static final double DEFAULT_CPU_BANDWIDTH_BYTES_PER_SECOND = 2.0e10;

    /** Clock assumed when neither the model name nor {@code cpu MHz} gives one. */
    public static final double DEFAULT_CPU_CLOCK_MHZ = 2000.0;

    /** How long {@code nvidia-smi} (or {@code rocm-smi}) may run before it is abandoned. */
    public static final Duration NVIDIA_SMI_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(HardwareProbe.class);
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private HardwareProbe() {
    }

    /**
     * The hardware this JVM runs on, matched against the built-in catalogue.
     *
     * @return the local hardware; its {@code sources} say how it was found
     */
    public static HardwareSpec detectLocal() {
        return detectLocal(HardwareCatalog.builtIn());
    }

    /**
     * The hardware this JVM runs on, matched against {@code catalog}.
     *
     * @param catalog the catalogue to match the GPU or CPU against
     * @return the local hardware; its {@code sources} say how it was found
     */
    public static HardwareSpec detectLocal(HardwareCatalog catalog) {
        String cpuinfo = readOrNull(CPUINFO);
        String meminfo = readOrNull(MEMINFO);
        String nvidiaSmi = runNvidiaSmi(NVIDIA_SMI_TIMEOUT).orElse(null);
        String rocmSmi = nvidiaSmi == null ? runRocmSmi(NVIDIA_SMI_TIMEOUT).orElse(null) : null;
        CpuInfo cpu = cpuinfo == null ? fallbackCpuInfo() : CpuInfo.parse(cpuinfo);
        long memory = meminfo == null ? 0L : parseMemTotalBytes(meminfo);
        if (memory <= 0) {
            memory = osTotalMemoryBytes();
        }
        return describe(catalog, cpu, memory, nvidiaSmi, rocmSmi);
    }

    /**
     * The spec the given probe outputs describe (pure; what {@link #detectLocal(HardwareCatalog)} does once it
     * has read the files).
     *
     * @param catalog         the catalogue to match the GPU or CPU against
     * @param cpuinfoText     text of {@code /proc/cpuinfo}
     * @param meminfoText     text of {@code /proc/meminfo}, or null
     * @param nvidiaSmiOutput output of {@code nvidia-smi --query-gpu=name,memory.total,count
     *                        --format=csv,noheader}, or null when there is none
     * @return the catalogue's GPU entry, else the CPU's spec
     */
    public static HardwareSpec describe(HardwareCatalog catalog, String cpuinfoText, String meminfoText,
                                        String nvidiaSmiOutput) {
        long memory = meminfoText == null ? 0L : parseMemTotalBytes(meminfoText);
        return describe(catalog, CpuInfo.parse(cpuinfoText), memory, nvidiaSmiOutput);
    }

    private static HardwareSpec describe(HardwareCatalog catalog, CpuInfo cpu, long memoryBytes,
                                         String nvidiaSmiOutput) {
        return describe(catalog, cpu, memoryBytes, nvidiaSmiOutput, null);
    }

    /**
     * Like {@link #describe(HardwareCatalog, String, String, String)}, with the output of
     * {@code rocm-smi --showproductname} (or null), tried when nvidia-smi reports no known GPU.
     *
     * @param catalog         the catalogue to match the GPU or CPU against
     * @param cpuinfoText     text of {@code /proc/cpuinfo}
     * @param meminfoText     text of {@code /proc/meminfo}, or null
     * @param nvidiaSmiOutput output of {@code nvidia-smi --query-gpu=name,memory.total,count
     *                        --format=csv,noheader}, or null when there is none
     * @param rocmSmiOutput   output of {@code rocm-smi --showproductname}, or null when there is none
     * @return the catalogue's GPU entry, else the CPU's spec
     */
    public static HardwareSpec describe(HardwareCatalog catalog, String cpuinfoText, String meminfoText,
                                        String nvidiaSmiOutput, String rocmSmiOutput) {
        long memory = meminfoText == null ? 0L : parseMemTotalBytes(meminfoText);
        return describe(catalog, CpuInfo.parse(cpuinfoText), memory, nvidiaSmiOutput, rocmSmiOutput);
    }

    private static HardwareSpec describe(HardwareCatalog catalog, CpuInfo cpu, long memoryBytes,
                                         String nvidiaSmiOutput, String rocmSmiOutput) {
        if (nvidiaSmiOutput != null) {
            Optional<HardwareSpec> gpu = matchGpu(catalog, GpuInfo.parseNvidiaSmiCsv(nvidiaSmiOutput));
            if (gpu.isPresent()) {
                return gpu.get();
            }
        }
        if (rocmSmiOutput != null) {
            Optional<HardwareSpec> gpu = matchGpu(catalog, GpuInfo.parseRocmSmiProductName(rocmSmiOutput));
            if (gpu.isPresent()) {
                return gpu.get();
            }
        }
        return cpuSpec(catalog, cpu, memoryBytes);
    }

    private static Optional<HardwareSpec> matchGpu(HardwareCatalog catalog, List<GpuInfo> gpus) {
        if (gpus.isEmpty()) {
            return Optional.empty();
        }
        GpuInfo first = gpus.get(0);
        Optional<HardwareSpec> known = catalog.find(first.name());
        if (known.isEmpty()) {
            LOG.warn("GPU \"{}\" is not in the hardware catalogue (close ids: {}); describing the host CPU instead."
                    + " Add the GPU with a user catalogue file.", first.name(), catalog.closeIds(first.name()));
            return Optional.empty();
        }
        if (gpus.stream().anyMatch(g -> !g.name().equals(first.name()))) {
            LOG.warn("this host mixes GPU models ({}); describing it as {} x {}", gpus.stream().map(GpuInfo::name)
                    .distinct().toList(), first.count(), known.get().id());
        }
        LOG.debug("nvidia-smi reports {} x \"{}\" -> catalogue id {}", first.count(), first.name(), known.get().id());
        return Optional.of(known.get().withDeviceCount(first.count()));
    }

    /**
     * The catalogue's entry for this CPU, a spec composed from an entry of the same CPU id, or a spec built from
     * {@code cpu} alone, as the class comment describes.
     *
     * @param catalog     the catalogue to match the CPU against
     * @param cpu         the CPU as {@code /proc/cpuinfo} describes it
     * @param memoryBytes the host's memory, in bytes; 0 or less when unknown
     * @return the CPU's spec; its {@code sources} say which of the three it is
     */
    public static HardwareSpec cpuSpec(HardwareCatalog catalog, CpuInfo cpu, long memoryBytes) {
        Optional<HardwareSpec> exact = exactCpu(catalog, cpu, cpu.logicalCores());
        if (exact.isEmpty() && cpu.physicalCores() != cpu.logicalCores()) {
            exact = exactCpu(catalog, cpu, cpu.physicalCores());
        }
        if (exact.isPresent()) {
            LOG.debug("CPU \"{}\" ({}) with {} cores -> catalogue id {}", cpu.modelName(), cpu.cpuId(),
                    cpu.logicalCores(), exact.get().id());
            return exact.get();
        }
        List<HardwareSpec> sameId = catalog.cpusWithId(cpu.cpuId());
        if (!sameId.isEmpty()) {
            String key = HardwareCatalog.normalize(cpu.modelName());
            HardwareSpec base = sameId.stream().filter(e -> HardwareCatalog.matchesName(e, key)).findFirst()
                    .orElse(sameId.get(0));
            return composedFrom(base, cpu, memoryBytes);
        }
        String why = cpu.cpuId().isEmpty()
                ? "no catalogue entry has this CPU's name and core count, and /proc/cpuinfo gives no family and model"
                : "no catalogue entry describes CPU id " + cpu.cpuId();
        Optional<HardwareSpec> sameName = catalog.cpusNamed(cpu.modelName()).stream()
                .filter(e -> !e.cpuIds().isEmpty()).findFirst();
        if (sameName.isPresent()) {
            why += "; catalogue entry " + sameName.get().id() + " has the name \""
                    + cpu.modelName() + "\" but describes " + sameName.get().cpuIds()
                    + ": another generation, not used";
        }
        LOG.debug("CPU \"{}\" ({}): {}", cpu.modelName(), cpu.cpuId(), why);
        HardwareSpec computed = cpuSpecFromInfo(cpu, memoryBytes);
        List<String> sources = new java.util.ArrayList<>(List.of(why));
        sources.addAll(computed.sources());
        return computed.toBuilder().sources(sources).build();
    }

    /** The entry with this CPU's name and core count whose CPU ids include its id (or that lists none). */
    private static Optional<HardwareSpec> exactCpu(HardwareCatalog catalog, CpuInfo cpu, int cores) {
        return catalog.exactCpu(cpu.modelName(), cores)
                .filter(e -> e.cpuIds().isEmpty() || cpu.cpuId().isEmpty()
                        || e.cpuIds().stream().anyMatch(id -> id.equalsIgnoreCase(cpu.cpuId())));
    }

    /**
     * {@code base}'s per-core, per-cycle figures for this CPU: its physical cores at its nominal clock (the
     * entry's clock when /proc/cpuinfo gives none), memory from /proc/meminfo.
     */
    static HardwareSpec composedFrom(HardwareSpec base, CpuInfo cpu, long memoryBytes) {
        int cores = cpu.physicalCores();
        double mhz = cpu.clockMhz() > 0 ? cpu.clockMhz() : base.clockMhz();
        HardwareSpec perCores = base.withCores(cores);
        double clockRatio = mhz / base.clockMhz();
        HardwareSpec.Builder b = perCores.toBuilder()
                .id("local-cpu-" + slug(cpu.modelName()) + "-" + cores + "c")
                .name(cpu.modelName() + ", " + cores + " cores")
                .clockMhz(mhz).baseClockMhz(0)
                .boostClockMhz(clockRatio == 1.0 ? perCores.boostClockMhz() : 0)
                .aliases(List.of(cpu.modelName()));
        perCores.peakFlopsPerSecond().forEach((p, v) -> b.peakFlopsPerSecond(p, v * clockRatio));
        if (memoryBytes > 0) {
            b.memoryBytes(memoryBytes);
        }
        List<String> sources = new java.util.ArrayList<>();
        sources.add(String.format(Locale.ROOT, "detected by HardwareProbe: CPU id %s is catalogue entry %s's;"
                        + " its per-core figures composed for %d cores at %.0f MHz (peaks x %d/%d cores x %.0f/%.0f"
                        + " MHz)%s", cpu.cpuId(), base.id(), cores, mhz, cores, base.computeUnits(), mhz,
                base.clockMhz(), memoryBytes > 0 ? "; memory from /proc/meminfo MemTotal" : ""));
        sources.addAll(base.sources());
        LOG.debug("CPU \"{}\" ({}) -> per-core figures of {} for {} cores at {} MHz", cpu.modelName(), cpu.cpuId(),
                base.id(), cores, mhz);
        return b.sources(sources).build();
    }

    /**
     * A CPU spec computed from {@code /proc/cpuinfo} alone, as the class comment describes.
     *
     * @param cpu         the CPU as {@code /proc/cpuinfo} describes it
     * @param memoryBytes the host's memory, in bytes; 0 or less when unknown (then 1 GiB is assumed)
     * @return a spec with id {@code local-cpu-...}, whose {@code sources} give the formula and the assumptions
     */
    public static HardwareSpec cpuSpecFromInfo(CpuInfo cpu, long memoryBytes) {
        double mhz = cpu.clockMhz();
        String clockSource = "clock from /proc/cpuinfo";
        if (!(mhz > 0)) {
            mhz = DEFAULT_CPU_CLOCK_MHZ;
            clockSource = "clock unknown: assumed " + DEFAULT_CPU_CLOCK_MHZ + " MHz";
        }
        int cores = cpu.physicalCores();
        int flopsPerCycle = cpu.fp32FlopsPerCycle();
        double peak = cores * mhz * 1e6 * flopsPerCycle;
        String memorySource = "memory from /proc/meminfo MemTotal";
        if (memoryBytes <= 0) {
            memoryBytes = 1L << 30;
            memorySource = "memory unknown: assumed 1 GiB";
        }
        String isa = cpu.widestVectorIsa();
        LOG.debug("CPU \"{}\" is not in the catalogue; built from /proc/cpuinfo: {} cores x {} MHz x {} FLOP/cycle",
                cpu.modelName(), cores, mhz, flopsPerCycle);
        return HardwareSpec.builder()
                .id("local-cpu-" + slug(cpu.modelName()) + "-" + cores + "c")
                .name(cpu.modelName() + ", " + cores + " cores")
                .kind(HardwareKind.CPU)
                .vendor(cpu.vendor())
                .peakFlopsPerSecond(Precision.FP32, peak)
                .memoryBytes(memoryBytes)
                .memoryBandwidthBytesPerSecond(DEFAULT_CPU_BANDWIDTH_BYTES_PER_SECOND)
                .computeUnits(cores)
                .clockMhz(mhz)
                .vectorIsa(isa)
                .aliases(List.of(cpu.modelName()))
                .sources(List.of(
                        String.format(Locale.ROOT, "detected by HardwareProbe: FP32 peak = %d cores x %.0f MHz x %d"
                                + " FLOP/cycle (%s, %s)", cores, mhz, flopsPerCycle, isa,
                                cpu.vendor().isEmpty() ? "unknown vendor" : cpu.vendor()),
                        clockSource, memorySource,
                        "memory bandwidth: conservative default " + DEFAULT_CPU_BANDWIDTH_BYTES_PER_SECOND
                                + " B/s, not measured"))
                .build();
    }

    /**
     * {@code MemTotal} of {@code /proc/meminfo} text, in bytes; 0 when the line is missing or unreadable.
     *
     * @param meminfoText text of {@code /proc/meminfo}
     * @return the total memory, in bytes (a value without unit or in {@code kB} is read as KiB), or 0
     */
    public static long parseMemTotalBytes(String meminfoText) {
        for (String line : meminfoText.split("\\R")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    boolean kib = parts.length < 2 || parts[1].equalsIgnoreCase("kB");
                    return kib ? value * 1024L : value;
                } catch (NumberFormatException e) {
                    return 0L;
                }
            }
        }
        return 0L;
    }

    static String slug(String s) {
        String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "unknown" : slug;
    }

    /** Runs nvidia-smi if it is on the PATH; its stdout, or empty when absent, failing or too slow. */
    static Optional<String> runNvidiaSmi(Duration timeout) {
        Optional<Path> exe = onPath("nvidia-smi");
        if (exe.isEmpty()) {
            LOG.debug("nvidia-smi is not on the PATH: not probing for NVIDIA GPUs");
            return Optional.empty();
        }
        return run(List.of(exe.get().toString(), "--query-gpu=name,memory.total,count", "--format=csv,noheader"),
                timeout);
    }

    /** Runs {@code rocm-smi --showproductname} if it is on the PATH; its stdout, or empty when absent or failing. */
    static Optional<String> runRocmSmi(Duration timeout) {
        Optional<Path> exe = onPath("rocm-smi");
        if (exe.isEmpty()) {
            LOG.debug("rocm-smi is not on the PATH: not probing for AMD GPUs");
            return Optional.empty();
        }
        return run(List.of(exe.get().toString(), "--showproductname"), timeout);
    }

    private static Optional<String> run(List<String> command, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        String tool = Path.of(command.get(0)).getFileName().toString();
        try {
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                LOG.warn("{} did not answer within {}; not probing its GPUs", tool, timeout);
                return Optional.empty();
            }
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (p.exitValue() != 0) {
                LOG.warn("{} exited with status {}; not probing its GPUs", tool, p.exitValue());
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            LOG.warn("could not run {}: {}", tool, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Whether {@code nvidia-smi} is on the PATH (only then is a GPU probed for). */
    static boolean nvidiaSmiOnPath() {
        return onPath("nvidia-smi").isPresent();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : windows ? List.of(command + ".exe", command) : List.of(command)) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String readOrNull(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {}: {}", file, e.toString());
            return null;
        }
    }

    private static CpuInfo fallbackCpuInfo() {
        int n = Runtime.getRuntime().availableProcessors();
        String model = "unknown CPU (" + System.getProperty("os.arch", "unknown arch") + ")";
        LOG.warn("/proc/cpuinfo is not readable; describing the CPU from the JVM only ({} processors)", n);
        return new CpuInfo("", model, n, n, Double.NaN, Set.of());
    }

    private static long osTotalMemoryBytes() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return 0L;
    }
}
