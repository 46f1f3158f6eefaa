package io.github.runtimeestimator.core.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.catalog.internal.CpuInfo;
import io.github.runtimeestimator.core.internal.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hardware the library knows, by id and by the names drivers report.
 *
 * <p>Immutable. The built-in catalogue is a JSON resource in this jar; a user's file in the same format is
 * merged over it with {@link #withOverrides(HardwareCatalog)} (same id replaces, new ids are added).
 *
 * <h2>File format (formatVersion 1)</h2>
 * <pre>{@code
 * { "formatVersion": 1,
 *   "entries": [ { "id": "nvidia-h100-sxm-80gb", "name": "NVIDIA H100 SXM5 80GB", "kind": "gpu",
 *                  "vendor": "nvidia", "peakFlopsPerSecond": { "fp32": 6.7e13, "bf16": 9.89e14 },
 *                  "memoryBytes": 85899345920, "memoryBandwidthBytesPerSecond": 3.35e12,
 *                  "computeUnits": 132, "clockMhz": 1980, "aliases": ["NVIDIA H100 80GB HBM3"],
 *                  "sources": ["NVIDIA H100 datasheet"] } ] }
 * }</pre>
 * Every key is a {@link HardwareSpec} component; unknown keys are rejected, so a typo fails loudly. The datasheet
 * details ({@code l2CacheBytes}, {@code boostClockMhz}, {@code fp8PeakFlopsPerSecond}, {@code tdpWatts},
 * {@code cpuIds}...) are optional: files written before they existed load unchanged. {@link #toJson()} writes
 * this format; {@code docs/hardware.md} documents every key.
 *
 * <h2>Conventions of the built-in entries</h2>
 * <ul>
 *   <li><b>Peaks</b> are the vendor's dense figures (no structured sparsity), per device, in FLOP/s (INT8 in
 *       op/s). NVIDIA's {@code fp32} is the non-tensor rate and {@code tf32} the tensor rate; GeForce cards list
 *       the FP32-accumulate tensor rate PyTorch autocast uses. A precision a part lacks is left out and falls
 *       back as {@link HardwareSpec#peakFlopsPerSecond(io.github.runtimeestimator.core.Precision)} says,
 *       except BF16 on parts without BF16 hardware (V100, T4), which is listed at the FP32 rate.</li>
 *   <li><b>memoryBytes</b> is the marketed capacity read as GiB: "80 GB" is stored as 80 x 2<sup>30</sup>
 *       bytes, within a few percent of what {@code nvidia-smi} reports (81559 MiB on an H100 80GB).</li>
 *   <li><b>memoryBandwidthBytesPerSecond</b> is the datasheet peak in decimal units (3.35 TB/s = 3.35e12).</li>
 *   <li><b>computeUnits</b> is SMs (NVIDIA), CUs (AMD) or cores (CPU); <b>clockMhz</b> the boost (GPU) or
 *       nominal (CPU) clock.</li>
 *   <li><b>CPU peaks</b> are cores x clock x FLOPs per cycle per core (AVX-512 with two FMA units, or Zen 5's
 *       full-width AVX-512: 64 FP32 FLOP/cycle; AVX2 with two, or Zen 4's double-pumped AVX-512: 32; AMX: 1024
 *       BF16 / 2048 INT8 op/cycle); the formula is written in each CPU entry's {@code sources}.</li>
 *   <li><b>aliases</b> are the exact names drivers report ({@code nvidia-smi --query-gpu=name}, ROCm's
 *       marketing name, {@code /proc/cpuinfo}'s model name); matching ignores case and repeated spaces.</li>
 *   <li><b>sources</b> say where each figure comes from; figures without a vendor datasheet (the A10G's
 *       compute) are marked UNCONFIRMED there, and a figure nobody publishes is left out.</li>
 *   <li><b>CPU entries</b> describe one SKU at its full core count (or one dataset host); any core count composes
 *       from their per-core figures ({@link HardwareSpec#withCores(int)}, ids such as
 *       {@code amd-epyc-genoa-9654-8c}). {@code cpuIds} name the family and model they describe, which
 *       {@link HardwareProbe} requires before it maps a probed CPU to them.</li>
 *   <li><b>tdpWatts</b> is the board power (GPU) or TDP (CPU) that {@link HardwareSpec#energyUpperBoundJoules}
 *       multiplies; {@link CatalogCheck} verifies the rules a file's loading does not.</li>
 * </ul>
 */
public final class HardwareCatalog {
    /** The catalogue file format this version reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private static final String BUILT_IN = "/io/github/runtimeestimator/core/catalog/hardware-catalog.json";
    private static final ObjectMapper JSON = JsonMappers.strict();

    private final Map<String, HardwareSpec> byId;

    private HardwareCatalog(Map<String, HardwareSpec> byId) {
        this.byId = byId;
    }

    /** The on-disk shape of a catalogue file. */
    record CatalogFile(@JsonProperty("formatVersion") int formatVersion,
                       @JsonProperty("entries") List<HardwareSpec> entries) {
    }

    private static final class BuiltIn {
        static final HardwareCatalog INSTANCE = loadBuiltIn();
    }

    /**
     * The built-in catalogue (a JSON resource in this jar, every figure with its source).
     *
     * @return the built-in catalogue, loaded once
     */
    public static HardwareCatalog builtIn() {
        return BuiltIn.INSTANCE;
    }

    private static HardwareCatalog loadBuiltIn() {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in hardware catalogue missing from the jar: " + BUILT_IN);
            }
            return fromFile(parse(in, BUILT_IN), BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in hardware catalogue is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * A catalogue of exactly these entries; a repeated id (ignoring case and spacing) fails with an
     * {@link IllegalArgumentException}.
     *
     * @param entries the entries, in catalogue order
     * @return a catalogue of these entries
     */
    public static HardwareCatalog of(Collection<HardwareSpec> entries) {
        Map<String, HardwareSpec> map = new LinkedHashMap<>();
        for (HardwareSpec e : entries) {
            String key = normalize(e.id());
            if (map.putIfAbsent(key, e) != null) {
                throw new IllegalArgumentException("hardware id " + e.id() + " appears twice in the catalogue");
            }
        }
        return new HardwareCatalog(map);
    }

    /**
     * Reads a user catalogue file (the built-in JSON format).
     *
     * @param file the catalogue file
     * @return the catalogue the file describes
     * @throws IOException naming the file when it cannot be read, is not valid JSON, has an unknown key, an
     *                     invalid entry or another formatVersion
     */
    public static HardwareCatalog fromJson(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromFile(parse(in, file.toString()), file.toString());
        }
    }

    private static CatalogFile parse(InputStream in, String where) throws IOException {
        try {
            CatalogFile file = JSON.readValue(in, CatalogFile.class);
            if (file == null) {
                throw new IOException(where + ": is empty; expected a hardware catalogue object "
                        + "{\"formatVersion\": " + FORMAT_VERSION + ", \"entries\": [...]}");
            }
            return file;
        } catch (JsonProcessingException e) {
            throw new IOException(where + ": not a valid hardware catalogue: " + describe(e), e);
        }
    }

    private static String describe(JsonProcessingException e) {
        Throwable cause = e.getCause();
        String what = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        return what + JsonMappers.whereOf(e);
    }

    private static HardwareCatalog fromFile(CatalogFile file, String where) throws IOException {
        if (file.formatVersion() != FORMAT_VERSION) {
            throw new IOException(where + ": catalogue formatVersion " + file.formatVersion()
                    + " is not supported; this library reads formatVersion " + FORMAT_VERSION);
        }
        return of(file.entries() == null ? List.of() : file.entries());
    }

    /**
     * This catalogue with {@code overrides} merged over it: same id replaces, new ids are added.
     *
     * @param overrides the entries that replace or extend this catalogue's
     * @return a new catalogue; this one is unchanged
     */
    public HardwareCatalog withOverrides(HardwareCatalog overrides) {
        Map<String, HardwareSpec> map = new LinkedHashMap<>(byId);
        map.putAll(overrides.byId);
        return new HardwareCatalog(map);
    }

    /**
     * This catalogue as a catalogue file (formatVersion {@value #FORMAT_VERSION}, pretty-printed): what
     * {@link #fromJson(Path)} reads back to an equal catalogue.
     *
     * @return the catalogue file's JSON text
     */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new CatalogFile(FORMAT_VERSION, List.copyOf(byId.values())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the hardware catalogue as JSON", e);
        }
    }

    /**
     * Every entry, in catalogue order.
     *
     * @return the entries, immutable
     */
    public List<HardwareSpec> all() {
        return List.copyOf(byId.values());
    }

    /**
     * Looks up, case- and spacing-insensitively, by
     * <ol>
     *   <li>id ({@code nvidia-h100-sxm-80gb});</li>
     *   <li>a CPU id with another core count ({@code amd-epyc-genoa-9654-8c},
     *       {@code intel-xeon-emr-4c}): the CPU entry whose id has the same stem, composed for that many cores
     *       with {@link HardwareSpec#withCores(int)};</li>
     *   <li>the name a driver or {@code lscpu} reports, or the entry's name: {@code NVIDIA H100 80GB HBM3}
     *       ({@code nvidia-smi --query-gpu=name}), {@code AMD Instinct MI210} or
     *       {@code Aldebaran/MI200 [Instinct MI210]} ({@code rocm-smi --showproductname}: the name in brackets is
     *       tried too, with and without {@code AMD}), {@code AMD EPYC 9654 96-Core Processor} ({@code lscpu}).
     *       A CPU found by name is the entry as catalogued (its core count); {@link #findCpu} composes other
     *       counts.</li>
     * </ol>
     *
     * @param idOrReportedName an id or a reported name; null finds nothing
     * @return the entry, or empty when none matches
     */
    public Optional<HardwareSpec> find(String idOrReportedName) {
        if (idOrReportedName == null) {
            return Optional.empty();
        }
        String key = normalize(idOrReportedName);
        HardwareSpec direct = byId.get(key);
        if (direct != null) {
            return Optional.of(direct);
        }
        Optional<HardwareSpec> composed = composedCpu(key);
        if (composed.isPresent()) {
            return composed;
        }
        for (String name : reportedNameForms(key)) {
            for (HardwareSpec e : byId.values()) {
                if (matchesName(e, name)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code <stem>-<n>c} where a CPU entry's id has that stem: the entry composed for n cores. */
    private Optional<HardwareSpec> composedCpu(String key) {
        java.util.regex.Matcher m = CORE_SUFFIX.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        int cores;
        try {
            cores = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (cores < 1) {
            return Optional.empty();
        }
        String stem = m.group(1);
        for (HardwareSpec e : byId.values()) {
            if (e.isCpu() && (normalize(e.id()).equals(stem) || normalize(HardwareSpec.coreCountStem(e.id())).equals(stem))) {
                return Optional.of(e.withCores(cores));
            }
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern CORE_SUFFIX = java.util.regex.Pattern.compile("(.+)-([0-9]{1,6})c");
    private static final java.util.regex.Pattern BRACKETED = java.util.regex.Pattern.compile(".*\\[([^\\]]+)]\\s*");

    /**
     * The forms a reported name is matched in: as given, then (for {@code Arcturus GL-XL [AMD Instinct MI100]}
     * as older {@code rocm-smi} prints the PCI database name) the name in brackets, with and without a leading
     * {@code AMD}.
     */
    private static List<String> reportedNameForms(String key) {
        java.util.regex.Matcher m = BRACKETED.matcher(key);
        if (!m.matches()) {
            return List.of(key);
        }
        String inner = normalize(m.group(1));
        String other = inner.startsWith("amd ") ? inner.substring(4) : "amd " + inner;
        return List.of(key, inner, other);
    }

    /**
     * Like {@link #find(String)}, failing with {@link UnknownHardwareException} that lists close ids.
     *
     * @param idOrReportedName an id or a reported name
     * @return the entry
     */
    public HardwareSpec require(String idOrReportedName) {
        return find(idOrReportedName).orElseThrow(() -> new UnknownHardwareException("hardware",
                idOrReportedName, closeIds(idOrReportedName)));
    }

    /**
     * A CPU entry by the model name {@code /proc/cpuinfo} or {@code lscpu} reports and a core count: the entry of
     * that name with exactly {@code cores} cores, else the first entry of that name composed for {@code cores}
     * from its per-core figures ({@link HardwareSpec#withCores(int)}; its sources say so). The name alone cannot
     * tell CPU generations apart behind a masked name such as {@code AMD EPYC}; {@link HardwareProbe} also
     * checks the CPU's family and model.
     *
     * @param cpuModel the reported model name; null finds nothing
     * @param cores    the core count; below 1 finds nothing
     * @return the entry, or empty when no CPU entry has that name
     */
    public Optional<HardwareSpec> findCpu(String cpuModel, int cores) {
        if (cpuModel == null || cores < 1) {
            return Optional.empty();
        }
        return exactCpu(cpuModel, cores).or(() -> cpusNamed(cpuModel).stream().findFirst().map(e -> e.withCores(cores)));
    }

    /** The CPU entry of this name with exactly this many cores, as catalogued (never composed). */
    Optional<HardwareSpec> exactCpu(String cpuModel, int cores) {
        return cpusNamed(cpuModel).stream().filter(e -> e.computeUnits() == cores).findFirst();
    }

    /** The CPU entries of this name, as catalogued, in catalogue order. */
    List<HardwareSpec> cpusNamed(String cpuModel) {
        String key = normalize(cpuModel);
        return byId.values().stream().filter(e -> e.kind() == HardwareKind.CPU && matchesName(e, key)).toList();
    }

    /**
     * The CPU entries that describe this CPU identity ({@link CpuInfo#cpuId()}), in catalogue order.
     *
     * @param cpuId the CPU identity, matched ignoring case and surrounding spaces; null or blank finds none
     * @return the matching CPU entries, empty when none
     */
    public List<HardwareSpec> cpusWithId(String cpuId) {
        if (cpuId == null || cpuId.isBlank()) {
            return List.of();
        }
        return byId.values().stream()
                .filter(e -> e.isCpu() && e.cpuIds().stream().anyMatch(id -> id.equalsIgnoreCase(cpuId.trim())))
                .toList();
    }

    /**
     * Up to five known ids closest to {@code requested}, best first. Entries sharing a word with the request
     * come first ({@code h100} or {@code NVIDIA H100 NVL} suggest the H100 ids), rarer shared words weighing
     * more than common ones like {@code nvidia}; the request appearing inside an id, name or alias (or one
     * inside the request) counts as a shared word too. Ties, and entries sharing nothing, are ordered by edit
     * distance to the id, name or closest alias, then by id.
     *
     * @param requested the id or name that was not found; null is read as empty
     * @return at most five ids, best first
     */
    public List<String> closeIds(String requested) {
        return CloseIds.rank(requested == null ? "" : requested, byId.values(), 5);
    }

    static boolean matchesName(HardwareSpec e, String key) {
        if (normalize(e.name()).equals(key)) {
            return true;
        }
        for (String alias : e.aliases()) {
            if (normalize(alias).equals(key)) {
                return true;
            }
        }
        return false;
    }

    static String normalize(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
