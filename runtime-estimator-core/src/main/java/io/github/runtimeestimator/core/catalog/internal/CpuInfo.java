package io.github.runtimeestimator.core.catalog.internal;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code /proc/cpuinfo} says about a host's CPU, parsed from the file's text (so it can be tested with
 * fixture strings and used on text copied from another machine).
 *
 * @param vendorId      {@code GenuineIntel}, {@code AuthenticAMD}, ... (empty when absent)
 * @param modelName     the {@code model name} line ({@code Intel(R) Xeon(R) Processor}), or "unknown CPU"
 * @param logicalCores  {@code processor} entries, at least 1
 * @param physicalCores distinct (physical id, core id) pairs; the logical count when the file lacks them
 * @param clockMhz      the nominal clock: the {@code @ 2.10GHz} in the model name if present, else the highest
 *                      {@code cpu MHz} seen; NaN when neither is there
 * @param flags         the {@code flags} (x86) or {@code Features} (Arm) of the first processor
 * @param cpuId         the CPU's identity, {@code <vendor_id>:<cpu family>:<model>} on x86
 *                      ({@code GenuineIntel:6:207}, {@code AuthenticAMD:26:2}) and
 *                      {@code ARM:<CPU implementer>:<CPU part>} on Arm ({@code ARM:0x41:0xd40}); empty when the
 *                      file does not say. Two CPUs with one id share a micro-architecture: the catalogue's
 *                      per-core figures apply to both.
 */
public record CpuInfo(String vendorId, String modelName, int logicalCores, int physicalCores, double clockMhz,
                      Set<String> flags, String cpuId) {

    private static final Pattern NOMINAL_GHZ = Pattern.compile("@\\s*([0-9]+(?:\\.[0-9]+)?)\\s*GHz",
            Pattern.CASE_INSENSITIVE);

    public CpuInfo {
        flags = Set.copyOf(flags);
        cpuId = cpuId == null ? "" : cpuId;
    }

    /** A CpuInfo whose identity is not known. */
    public CpuInfo(String vendorId, String modelName, int logicalCores, int physicalCores, double clockMhz,
                   Set<String> flags) {
        this(vendorId, modelName, logicalCores, physicalCores, clockMhz, flags, "");
    }

    /** Parses the text of {@code /proc/cpuinfo}; missing lines give the defaults described on the record. */
    public static CpuInfo parse(String cpuinfoText) {
        String vendor = "";
        String model = null;
        int logical = 0;
        double maxMhz = Double.NaN;
        Set<String> flags = null;
        Set<String> cores = new HashSet<>();
        String physicalId = "0";
        String family = null;
        String modelNumber = null;
        String implementer = null;
        String part = null;
        for (String line : cpuinfoText.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "processor" -> logical++;
                case "vendor_id" -> vendor = vendor.isEmpty() ? value : vendor;
                case "model name" -> model = model == null ? value : model;
                case "cpu mhz" -> {
                    double mhz = parseDouble(value);
                    if (!Double.isNaN(mhz) && (Double.isNaN(maxMhz) || mhz > maxMhz)) {
                        maxMhz = mhz;
                    }
                }
                case "cpu family" -> family = family == null ? value : family;
                case "model" -> modelNumber = modelNumber == null ? value : modelNumber;
                case "cpu implementer" -> implementer = implementer == null ? value.toLowerCase(Locale.ROOT) : implementer;
                case "cpu part" -> part = part == null ? value.toLowerCase(Locale.ROOT) : part;
                case "physical id" -> physicalId = value;
                case "core id" -> cores.add(physicalId + "/" + value);
                case "flags", "features" -> {
                    if (flags == null) {
                        flags = new LinkedHashSet<>(List.of(value.toLowerCase(Locale.ROOT).split("\\s+")));
                    }
                }
                default -> {
                }
            }
        }
        logical = Math.max(1, logical);
        int physical = cores.isEmpty() ? logical : Math.min(logical, cores.size());
        String modelName = model == null || model.isBlank() ? "unknown CPU" : model;
        double clock = nominalClockMhz(modelName);
        if (Double.isNaN(clock)) {
            clock = maxMhz;
        }
        String id = "";
        if (!vendor.isEmpty() && family != null && modelNumber != null) {
            id = vendor + ":" + family + ":" + modelNumber;
        } else if (implementer != null && part != null) {
            id = "ARM:" + implementer + ":" + part;
        }
        return new CpuInfo(vendor, modelName, logical, physical, clock, flags == null ? Set.of() : flags, id);
    }

    private static double nominalClockMhz(String modelName) {
        Matcher m = NOMINAL_GHZ.matcher(modelName);
        return m.find() ? Double.parseDouble(m.group(1)) * 1000.0 : Double.NaN;
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The x86 {@code cpu family} of {@link #cpuId()}, or 0 when it has none (Arm, or not reported). */
    public int x86Family() {
        String[] parts = cpuId.split(":");
        if (parts.length != 3 || parts[0].equals("ARM")) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code intel}, {@code amd}, or the vendor id in lower case ({@code ""} when unknown). */
    public String vendor() {
        return switch (vendorId) {
            case "GenuineIntel" -> "intel";
            case "AuthenticAMD" -> "amd";
            default -> vendorId.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The widest vector ISA the flags show: {@code amx} (amx_tile), {@code avx512} (avx512f), {@code avx2},
     * {@code sve} or {@code neon} (Arm's asimd), else {@code sse} on x86 and {@code scalar} otherwise.
     */
    public String widestVectorIsa() {
        if (flags.contains("amx_tile") || flags.contains("amx_bf16")) {
            return "amx";
        }
        if (flags.contains("avx512f")) {
            return "avx512";
        }
        if (flags.contains("avx2")) {
            return "avx2";
        }
        if (flags.contains("sve")) {
            return "sve";
        }
        if (flags.contains("asimd")) {
            return "neon";
        }
        return flags.contains("sse2") ? "sse" : "scalar";
    }

    /**
     * Peak FP32 FLOPs per cycle per core this CPU can retire, by vendor and ISA: 64 for AVX-512 (or AMX) on
     * Intel (two 512-bit FMA units x 16 lanes x 2 FLOPs) and on AMD family 26 and later (Zen 5 server cores
     * execute AVX-512 on a full 512-bit data path); 32 for AVX2 (two 256-bit FMA units) and for AMD's earlier
     * AVX-512 (Zen 4, family 25, executes it as 2 x 256-bit); 16 otherwise (128-bit SIMD: SSE, NEON, SVE at 128
     * bits). An upper bound: some Intel AVX-512 parts have a single FMA unit (32), client Zen 5 parts keep a
     * 256-bit data path, and wide vectors may lower the clock.
     */
    public int fp32FlopsPerCycle() {
        String isa = widestVectorIsa();
        boolean avx512 = isa.equals("avx512") || isa.equals("amx");
        if (avx512 && (vendor().equals("intel") || (vendor().equals("amd") && x86Family() >= 26))) {
            return 64;
        }
        if (avx512 || isa.equals("avx2")) {
            return 32;
        }
        return 16;
    }
}
