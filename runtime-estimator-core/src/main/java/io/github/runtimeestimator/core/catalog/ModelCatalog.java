package io.github.runtimeestimator.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.internal.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Known models with their structural descriptors ({@code leafLayers}, {@code activationElementsPerSample},
 * {@code matmulFlopsPerSample}), as the Python collector's {@code describe} measures them without running the
 * model, so that a user can write {@code ModelCatalog.builtIn().require("resnet50")} instead of typing FLOPs,
 * and so that measurement rows (whose CSV schema has no descriptor columns) gain descriptors.
 *
 * <p>The built-in catalogue is the resource {@code model-catalog.json} next to this class, a copy of
 * {@code datasets/model-descriptors.json}, regenerated from the repository root with
 * {@code python3 -m collector describe --all-in datasets/*.csv --out datasets/model-descriptors.json} and
 * copied over. Entries whose collector parameter count disagreed with the measured data by more than 1%
 * ({@code "descriptorsUsable": false}) are not loaded. A name may appear once per input shape (a token model
 * described at several sequence lengths: {@code gpt2_small} at 128 and 256 tokens).
 *
 * <p>Names match exactly first, then ignoring case. Thread-safe and immutable.
 */
public final class ModelCatalog {
    /** The catalogue file format this version reads. */
    public static final int FORMAT_VERSION = 1;
    /** Largest relative parameter difference at which a spec still counts as the catalogue's model. */
    public static final double PARAMETER_TOLERANCE = 0.01;

    private static final String BUILT_IN = "/io/github/runtimeestimator/core/catalog/model-catalog.json";
    private static final ObjectMapper JSON = JsonMappers.strictBuilder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Name as written -> entries (one per input shape), first = the default shape. */
    private final Map<String, ModelSpec[]> byName;
    /** Lower-case name -> the same arrays, for case-insensitive lookups off the hot path. */
    private final Map<String, ModelSpec[]> byLowerName;
    private final List<ModelSpec> all;

    private ModelCatalog(List<ModelSpec> entries) {
        Map<String, List<ModelSpec>> grouped = new LinkedHashMap<>();
        for (ModelSpec e : entries) {
            List<ModelSpec> same = grouped.computeIfAbsent(e.name(), k -> new ArrayList<>());
            for (ModelSpec other : same) {
                if (other.inputShape().equals(e.inputShape())) {
                    throw new IllegalArgumentException("model " + e.name() + " with input shape '"
                            + e.inputShape() + "' appears twice in the catalogue");
                }
            }
            same.add(e);
        }
        Map<String, ModelSpec[]> exact = new HashMap<>();
        Map<String, ModelSpec[]> lower = new HashMap<>();
        grouped.forEach((name, list) -> {
            ModelSpec[] array = list.toArray(new ModelSpec[0]);
            exact.put(name, array);
            lower.putIfAbsent(name.toLowerCase(Locale.ROOT), array);
        });
        this.byName = exact;
        this.byLowerName = lower;
        this.all = List.copyOf(entries);
    }

    /** One entry of the catalogue file: a ModelSpec plus the collector's comparison columns. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(@JsonProperty("name") String name, @JsonProperty("family") String family,
                 @JsonProperty("parameters") long parameters, @JsonProperty("flopsPerSample") double flopsPerSample,
                 @JsonProperty("inputShape") String inputShape, @JsonProperty("leafLayers") Long leafLayers,
                 @JsonProperty("activationElementsPerSample") Double activationElementsPerSample,
                 @JsonProperty("matmulFlopsPerSample") Double matmulFlopsPerSample,
                 @JsonProperty("descriptorsUsable") Boolean descriptorsUsable) {
        ModelSpec toSpec() {
            return new ModelSpec(name, family, parameters, flopsPerSample, inputShape, leafLayers,
                    activationElementsPerSample, matmulFlopsPerSample);
        }
    }

    /** The on-disk shape of a catalogue file ({@code skipped} and {@code generatedBy} are informative). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CatalogFile(@JsonProperty("formatVersion") int formatVersion,
                       @JsonProperty("models") List<Entry> models) {
    }

    private static final class BuiltIn {
        static final ModelCatalog INSTANCE = loadBuiltIn();
    }

    /** The built-in catalogue (a JSON resource in this jar). */
    public static ModelCatalog builtIn() {
        return BuiltIn.INSTANCE;
    }

    private static ModelCatalog loadBuiltIn() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in model catalogue missing from the jar: " + BUILT_IN);
            }
            return fromJson(in, BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in model catalogue is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a catalogue in the collector's {@code describe --all-in} format; entries marked
     * {@code "descriptorsUsable": false} are left out.
     */
    public static ModelCatalog fromJson(InputStream in, String source) throws IOException {
        CatalogFile file = JSON.readValue(in, CatalogFile.class);
        if (file.formatVersion() != FORMAT_VERSION) {
            throw new IOException(source + ": model catalogue formatVersion " + file.formatVersion()
                    + " is not supported (this version reads " + FORMAT_VERSION + ")");
        }
        if (file.models() == null) {
            throw new IOException(source + ": model catalogue has no \"models\" list");
        }
        List<ModelSpec> specs = new ArrayList<>();
        for (Entry e : file.models()) {
            if (!Boolean.FALSE.equals(e.descriptorsUsable())) {
                specs.add(e.toSpec());
            }
        }
        return of(specs);
    }

    /** A catalogue of exactly these specs; a repeated (name, input shape) fails. */
    public static ModelCatalog of(Collection<ModelSpec> entries) {
        return new ModelCatalog(new ArrayList<>(entries));
    }

    /** Every entry, in file order. */
    public List<ModelSpec> all() {
        return all;
    }

    /** The entry of this name at its default (first listed) input shape; exact name first, then any case. */
    public Optional<ModelSpec> find(String name) {
        ModelSpec[] entries = entries(name);
        return entries == null ? Optional.empty() : Optional.of(entries[0]);
    }

    /** The entry of this name and input shape. */
    public Optional<ModelSpec> find(String name, String inputShape) {
        ModelSpec[] entries = entries(name);
        if (entries != null) {
            for (ModelSpec e : entries) {
                if (e.inputShape().equals(inputShape)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** The entry of this name, or an {@link UnknownModelException} listing the closest names. */
    public ModelSpec require(String name) {
        return find(name).orElseThrow(() -> new UnknownModelException("model.name", name, closeNames(name, 5)));
    }

    /**
     * The spec with this catalogue's descriptors filled in, when the spec has none of the three, an entry has
     * its name (and its input shape, when the spec gives one), and the parameter counts agree within
     * {@value #PARAMETER_TOLERANCE} (relative); otherwise the spec itself. The spec's own FLOPs, family and
     * input shape are kept; {@code matmulFlopsPerSample} is the catalogue's matmul share of the spec's FLOPs.
     */
    public ModelSpec withDescriptors(ModelSpec spec) {
        ModelSpec entry = descriptorsFor(spec);
        if (entry == null) {
            return spec;
        }
        return spec.toBuilder()
                .leafLayers(entry.leafLayers())
                .activationElementsPerSample(entry.activationElementsPerSample())
                .matmulFlopsPerSample(matmulFlopsFor(entry, spec))
                .build();
    }

    /**
     * The catalogue entry whose descriptors {@link #withDescriptors} would use for this spec, or {@code null}
     * (the spec has descriptors already, or no entry matches). Allocates nothing for an exact name: meant for
     * feature extraction, which runs per prediction.
     */
    public ModelSpec descriptorsFor(ModelSpec spec) {
        if (spec.leafLayers() != null || spec.activationElementsPerSample() != null
                || spec.matmulFlopsPerSample() != null) {
            return null;
        }
        ModelSpec[] entries = byName.get(spec.name());
        if (entries == null) {
            entries = byLowerName.get(spec.name().toLowerCase(Locale.ROOT));
            if (entries == null) {
                return null;
            }
        }
        ModelSpec chosen = null;
        if (spec.inputShape().isEmpty()) {
            chosen = entries[0];
        } else {
            for (ModelSpec e : entries) {
                if (e.inputShape().equals(spec.inputShape())) {
                    chosen = e;
                    break;
                }
            }
        }
        if (chosen == null) {
            return null;
        }
        double difference = Math.abs((double) chosen.parameters() - spec.parameters()) / spec.parameters();
        return difference <= PARAMETER_TOLERANCE ? chosen : null;
    }

    /** The catalogue's matmul share of its own FLOPs, applied to the spec's FLOPs; null when it has none. */
    public static Double matmulFlopsFor(ModelSpec entry, ModelSpec spec) {
        Double matmul = entry.matmulFlopsPerSample();
        if (matmul == null) {
            return null;
        }
        return Math.min(1.0, matmul / entry.flopsPerSample()) * spec.flopsPerSample();
    }

    private ModelSpec[] entries(String name) {
        if (name == null) {
            return null;
        }
        ModelSpec[] entries = byName.get(name.trim());
        return entries != null ? entries : byLowerName.get(name.trim().toLowerCase(Locale.ROOT));
    }

    /** Known names closest to {@code requested}: containing it or contained in it first, then edit distance. */
    public List<String> closeNames(String requested, int limit) {
        String request = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        String compactRequest = request.replaceAll("[^a-z0-9]", "");
        record Scored(String name, boolean contains, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String name : byName.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            String compact = lower.replaceAll("[^a-z0-9]", "");
            boolean contains = compactRequest.length() >= 3
                    && (compact.contains(compactRequest) || compactRequest.contains(compact));
            scored.add(new Scored(name, contains, CloseIds.distance(request, lower)));
        }
        scored.sort(Comparator.comparing((Scored s) -> !s.contains()).thenComparingInt(Scored::distance)
                .thenComparing(Scored::name));
        return scored.stream().limit(limit).map(Scored::name).toList();
    }

    @Override
    public String toString() {
        return "ModelCatalog" + byName.keySet();
    }
}
