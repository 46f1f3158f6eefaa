package io.github.runtimeestimator.core.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 */
public final class HardwareCatalog {
    /** The catalogue file format this version reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private static final String BUILT_IN = "/io/github/runtimeestimator/core/catalog/hardware-catalog.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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

    /** The built-in catalogue (a JSON resource in this jar, every figure with its source). */
    public static HardwareCatalog builtIn() {
        return BuiltIn.INSTANCE;
    }

    private static HardwareCatalog loadBuiltIn() {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in hardware catalogue missing from the jar: " + BUILT_IN);
            }
            return fromFile(JSON.readValue(in, CatalogFile.class), BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in hardware catalogue is unreadable: " + e.getMessage(), e);
        }
    }

    /** A catalogue of exactly these entries; a repeated id fails. */
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

    /** Reads a user catalogue file (the built-in JSON format). */
    public static HardwareCatalog fromJson(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromFile(JSON.readValue(in, CatalogFile.class), file.toString());
        }
    }

    private static HardwareCatalog fromFile(CatalogFile file, String where) throws IOException {
        if (file.formatVersion() != FORMAT_VERSION) {
            throw new IOException(where + ": catalogue formatVersion " + file.formatVersion()
                    + " is not supported; this library reads formatVersion " + FORMAT_VERSION);
        }
        return of(file.entries() == null ? List.of() : file.entries());
    }

    /** This catalogue with {@code overrides} merged over it: same id replaces, new ids are added. */
    public HardwareCatalog withOverrides(HardwareCatalog overrides) {
        Map<String, HardwareSpec> map = new LinkedHashMap<>(byId);
        map.putAll(overrides.byId);
        return new HardwareCatalog(map);
    }

    /** Every entry, in catalogue order. */
    public List<HardwareSpec> all() {
        return List.copyOf(byId.values());
    }

    /** Looks up by id, reported device name ({@code NVIDIA H100 80GB HBM3}) or name, case-insensitively. */
    public Optional<HardwareSpec> find(String idOrReportedName) {
        if (idOrReportedName == null) {
            return Optional.empty();
        }
        String key = normalize(idOrReportedName);
        HardwareSpec direct = byId.get(key);
        if (direct != null) {
            return Optional.of(direct);
        }
        for (HardwareSpec e : byId.values()) {
            if (e.kind() == HardwareKind.GPU && matchesName(e, key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find(String)}, failing with {@link UnknownHardwareException} that lists close ids. */
    public HardwareSpec require(String idOrReportedName) {
        return find(idOrReportedName).orElseThrow(() -> new UnknownHardwareException("hardware",
                idOrReportedName, closeIds(idOrReportedName)));
    }

    /** A CPU entry by the model name {@code /proc/cpuinfo} reports and its logical core count. */
    public Optional<HardwareSpec> findCpu(String cpuModel, int logicalCores) {
        if (cpuModel == null) {
            return Optional.empty();
        }
        String key = normalize(cpuModel);
        return byId.values().stream()
                .filter(e -> e.kind() == HardwareKind.CPU && e.computeUnits() == logicalCores && matchesName(e, key))
                .findFirst();
    }

    /** Up to five known ids closest to {@code requested} by edit distance, best first. */
    public List<String> closeIds(String requested) {
        String key = requested == null ? "" : normalize(requested);
        List<String> ids = new ArrayList<>();
        for (HardwareSpec e : byId.values()) {
            ids.add(e.id());
        }
        ids.sort(Comparator.comparingInt((String id) -> distance(key, id)).thenComparing(id -> id));
        return ids.subList(0, Math.min(5, ids.size()));
    }

    private static boolean matchesName(HardwareSpec e, String key) {
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

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
