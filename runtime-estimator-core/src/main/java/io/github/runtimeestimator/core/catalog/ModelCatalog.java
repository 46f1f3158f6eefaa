package io.github.runtimeestimator.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.graph.GraphJson;
import io.github.runtimeestimator.core.graph.HuggingFaceConfig;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import io.github.runtimeestimator.core.internal.JsonFields;
import io.github.runtimeestimator.core.io.SpecFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Known models: their parameters, FLOPs, structural descriptors ({@code leafLayers},
 * {@code activationElementsPerSample}, {@code matmulFlopsPerSample}) and, where known, their operator graph, so
 * that a user can write {@code ModelCatalog.builtIn().require("resnet50")} instead of typing FLOPs, and so that
 * measurement rows and specs that name a known model gain its descriptors and graph ({@link #enrich}).
 *
 * <p>File format ({@code docs/formats/model-catalog.md}), version {@value #FORMAT_VERSION}:
 * <pre>{@code
 * {"formatVersion": 1, "generatedBy": "...", "entries": [
 *   {"name": "resnet50", "family": "cnn", "parameters": 25557032, "flopsPerSample": 8.18e9,
 *    "inputShape": "3x224x224", "leafLayers": 126, ...},
 *   {"name": "my_net", "family": "cnn", "graph": { ...an operator graph document... }},
 *   {"name": "llama-2-7b", "huggingFaceConfig": { ...config.json... }, "sequenceLength": 4096}],
 *  "skipped": [...]}
 * }</pre>
 * An entry gives either a {@code graph}, or a {@code huggingFaceConfig} with its {@code sequenceLength}, or the
 * plain {@code parameters} and {@code flopsPerSample} (with {@code inputShape}); the optional descriptors may be
 * added to any of them. Plain fields an entry gives win over those derived from its graph or config (the collector
 * writes {@code describe}'s figures next to its traced graph); a given parameter count must agree with the graph's
 * weights within {@value #PARAMETER_TOLERANCE}. The keys {@link #INFORMATIVE_ENTRY_KEYS} are read and ignored
 * (the collector's comparison with the measured data); an entry with {@code "descriptorsUsable": false} is left
 * out; any other key is refused. Faults are {@link IOException}s naming the source and the JSON path.
 *
 * <p>The built-in catalogue is the resource {@code model-catalog.json} next to this class, a copy of
 * {@code datasets/model-catalog.json}. Users merge their own file over it ({@link #withOverrides}: an entry of the
 * same name replaces every built-in entry of that name). A name may appear once per input shape (a token model
 * described at several sequence lengths: {@code gpt2_small} at 128 and 256 tokens).
 *
 * <p>Names match exactly first, then ignoring case. Thread-safe and immutable.
 */
public final class ModelCatalog {
    /** The catalogue file format this version reads. */
    public static final int FORMAT_VERSION = 1;
    /** Largest relative parameter difference at which a spec still counts as the catalogue's model. */
    public static final double PARAMETER_TOLERANCE = 0.01;
    /** Entry keys read and ignored: the collector's comparison of its description with the measured rows. */
    public static final List<String> INFORMATIVE_ENTRY_KEYS = List.of("csvParameters", "csvFlopsPerSample",
            "csvFiles", "datasets", "descriptorsUsable", "mismatch", "note", "source");

    private static final List<String> SPEC_KEYS = List.of("name", "family", "parameters", "flopsPerSample",
            "inputShape", "leafLayers", "activationElementsPerSample", "matmulFlopsPerSample", "graph",
            "huggingFaceConfig", "sequenceLength");
    private static final List<String> FILE_KEYS = List.of("formatVersion", "generatedBy", "entries", "skipped");
    private static final String BUILT_IN = "/io/github/runtimeestimator/core/catalog/model-catalog.json";

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

    private static final class BuiltIn {
        static final ModelCatalog INSTANCE = loadBuiltIn();
    }

    /**
     * The built-in catalogue (a JSON resource in this jar).
     *
     * @return the built-in catalogue, loaded once
     */
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
     * Reads a catalogue file (UTF-8); every fault names the file and the JSON path.
     *
     * @param file the catalogue file
     * @return the catalogue the file describes
     * @throws IOException when the file cannot be read, is not valid JSON, or breaks the format
     */
    public static ModelCatalog fromJson(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in, file.toString());
        }
    }

    /**
     * Reads a catalogue document (UTF-8); {@code source} names it in messages.
     *
     * @param in     the document; read to its end, not closed
     * @param source what the document is (a file name), for messages
     * @return the catalogue the document describes
     * @throws IOException when the stream cannot be read, is not valid JSON, or breaks the format
     */
    public static ModelCatalog fromJson(InputStream in, String source) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = GraphJson.parse(text);
        } catch (SpecFormatException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        try {
            return fromTree(root);
        } catch (SpecValidationException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static ModelCatalog fromTree(JsonNode root) {
        JsonFields f = JsonFields.of(root, "");
        JsonNode version = f.get("formatVersion");
        if (version == null || !version.isIntegralNumber() || version.longValue() != FORMAT_VERSION) {
            throw new SpecValidationException("formatVersion", version, "is not supported (this version reads "
                    + "model catalogues of format " + FORMAT_VERSION + ")");
        }
        f.text("generatedBy", null);
        JsonNode entries = f.get("entries");
        if (entries == null) {
            String hint = root.has("models") ? " (a \"models\" list is the shape before operator graphs: rename it"
                    + " \"entries\")" : "";
            throw new SpecValidationException("entries", null, "is required" + hint);
        }
        if (!entries.isArray()) {
            throw new SpecValidationException("entries", entries.getNodeType().toString(), "must be an array");
        }
        JsonNode skipped = f.get("skipped");
        if (skipped != null && !skipped.isArray()) {
            throw new SpecValidationException("skipped", skipped.getNodeType().toString(), "must be an array");
        }
        f.refuseUnknown("a model catalogue", FILE_KEYS);
        List<ModelSpec> specs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ModelSpec spec = entry(entries.get(i), "entries[" + i + "]");
            if (spec != null) {
                specs.add(spec);
            }
        }
        try {
            return of(specs);
        } catch (IllegalArgumentException e) {
            throw new SpecValidationException("entries", specs.size() + " entries", e.getMessage());
        }
    }

    /** One entry as a spec, or null when it is marked {@code "descriptorsUsable": false}. */
    private static ModelSpec entry(JsonNode node, String path) {
        JsonFields f = JsonFields.of(node, path);
        f.ignore(INFORMATIVE_ENTRY_KEYS);
        JsonNode usable = node.get("descriptorsUsable");
        String usablePath = f.path("descriptorsUsable");
        JsonNode datasets = node.get("datasets");
        if (datasets != null && !datasets.isNull()) {
            if (!datasets.isObject()) {
                throw new SpecValidationException(f.path("datasets"), datasets, "must be an object");
            }
            if (usable == null && datasets.has("descriptorsUsable")) {
                usable = datasets.get("descriptorsUsable");
                usablePath = f.path("datasets") + ".descriptorsUsable";
            }
        }
        if (usable != null && !usable.isNull() && !usable.isBoolean()) {
            throw new SpecValidationException(usablePath, usable, "must be true or false");
        }
        String name = f.requiredText("name");
        String givenFamily = f.text("family", null);
        String family = givenFamily;
        JsonNode graphNode = f.get("graph");
        JsonNode config = f.get("huggingFaceConfig");
        boolean hasLength = f.has("sequenceLength");
        if (graphNode != null && config != null) {
            throw new SpecValidationException(f.path("huggingFaceConfig"), "{...}",
                    "an entry gives a graph or a huggingFaceConfig, not both");
        }
        if (hasLength && config == null) {
            throw new SpecValidationException(f.path("sequenceLength"), node.get("sequenceLength"),
                    "goes with a huggingFaceConfig");
        }
        ModelSpec derived = null;
        if (graphNode != null) {
            OperatorGraph graph = GraphJson.fromTree(graphNode, f.path("graph"));
            derived = atPath(f.path("graph"), () -> ModelSpec.fromGraph(name, givenFamily, graph));
        } else if (config != null) {
            if (!hasLength) {
                throw new SpecValidationException(f.path("sequenceLength"), null,
                        "is required with a huggingFaceConfig");
            }
            long length = Checks.atLeast(f.path("sequenceLength"), f.wholeNumber("sequenceLength"), 1L);
            HuggingFaceConfig hf = HuggingFaceConfig.parse(config, f.path("huggingFaceConfig"));
            derived = atPath(f.path("sequenceLength"), () -> hf.modelSpec(name, Math.toIntExact(length)));
            if (family == null) {
                family = derived.family();
            }
        }
        ModelSpec.Builder b = derived == null ? ModelSpec.builder().name(name) : derived.toBuilder();
        b.family(family);
        if (f.has("parameters")) {
            long parameters = f.wholeNumber("parameters");
            // A traced graph holds the weights one forward pass uses; a model may own more (GoogLeNet's and
            // Inception v3's auxiliary classifiers run only in training), never fewer. A config states its count.
            boolean fewerThanUsed = derived != null
                    && derived.parameters() - parameters > PARAMETER_TOLERANCE * derived.parameters();
            boolean configMismatch = derived != null && graphNode == null && Math.abs(parameters - derived.parameters())
                    > PARAMETER_TOLERANCE * derived.parameters();
            if (fewerThanUsed || configMismatch) {
                throw new SpecValidationException(f.path("parameters"), parameters, graphNode != null
                        ? "is smaller than the graph's weights (" + derived.parameters() + ") by more than "
                                + (int) (PARAMETER_TOLERANCE * 100) + "%: a model owns at least the weights it uses"
                        : "differs from the config's parameters (" + derived.parameters() + ") by more than "
                                + (int) (PARAMETER_TOLERANCE * 100) + "%");
            }
            b.parameters(parameters);
        } else if (derived == null) {
            throw new SpecValidationException(f.path("parameters"), null,
                    "is required without a graph or huggingFaceConfig");
        }
        if (f.has("flopsPerSample")) {
            b.flopsPerSample(f.number("flopsPerSample", Double.NaN));
        } else if (derived == null) {
            throw new SpecValidationException(f.path("flopsPerSample"), null,
                    "is required without a graph or huggingFaceConfig");
        }
        if (f.has("inputShape")) {
            b.inputShape(f.text("inputShape", ""));
        }
        if (f.has("leafLayers")) {
            b.leafLayers(f.wholeNumber("leafLayers"));
        }
        if (f.has("activationElementsPerSample")) {
            b.activationElementsPerSample(f.number("activationElementsPerSample", Double.NaN));
        }
        if (f.has("matmulFlopsPerSample")) {
            b.matmulFlopsPerSample(f.number("matmulFlopsPerSample", Double.NaN));
        } else if (derived != null && f.has("flopsPerSample")) {
            // the graph's matmul share of the FLOPs given, never above them
            b.matmulFlopsPerSample(Math.min(1.0, derived.matmulFlopsPerSample() / derived.flopsPerSample())
                    * f.number("flopsPerSample", Double.NaN));
        }
        f.refuseUnknown("a model catalogue entry", keys());
        ModelSpec spec = atPath(path, b::build);
        return Boolean.FALSE.equals(usable == null || usable.isNull() ? null : usable.booleanValue()) ? null : spec;
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(SPEC_KEYS);
        keys.addAll(INFORMATIVE_ENTRY_KEYS);
        return keys;
    }

    /** Runs a spec construction, naming the entry's path instead of {@code model.} in its failure. */
    private static ModelSpec atPath(String path, java.util.function.Supplier<ModelSpec> build) {
        try {
            return build.get();
        } catch (SpecValidationException e) {
            String field = e.field().startsWith("model.") ? JsonFields.child(path, e.field().substring(6))
                    : e.field();
            throw new SpecValidationException(field, new Object() {
                @Override
                public String toString() {
                    return e.value();
                }
            }, e.rule());
        }
    }

    /**
     * A catalogue of exactly these specs; a repeated (name, input shape) fails with an
     * {@link IllegalArgumentException}.
     *
     * @param entries the specs, in catalogue order; the first of a name is its default input shape
     * @return a catalogue of these specs
     */
    public static ModelCatalog of(Collection<ModelSpec> entries) {
        return new ModelCatalog(new ArrayList<>(entries));
    }

    /**
     * This catalogue with {@code overrides} merged over it: an entry of {@code overrides} replaces every entry of
     * this catalogue with the same name (ignoring case); new names are added after this catalogue's.
     *
     * @param overrides the entries that replace or extend this catalogue's
     * @return a new catalogue; this one is unchanged
     */
    public ModelCatalog withOverrides(ModelCatalog overrides) {
        Set<String> replaced = new HashSet<>();
        for (ModelSpec e : overrides.all) {
            replaced.add(e.name().toLowerCase(Locale.ROOT));
        }
        List<ModelSpec> merged = new ArrayList<>();
        for (ModelSpec e : all) {
            if (!replaced.contains(e.name().toLowerCase(Locale.ROOT))) {
                merged.add(e);
            }
        }
        merged.addAll(overrides.all);
        return new ModelCatalog(merged);
    }

    /**
     * Every entry, in file order.
     *
     * @return the entries, immutable
     */
    public List<ModelSpec> all() {
        return all;
    }

    /**
     * The entry of this name at its default (first listed) input shape; exact name first, then any case.
     *
     * @param name the model name, trimmed; null finds nothing
     * @return the entry, or empty when no entry has the name
     */
    public Optional<ModelSpec> find(String name) {
        ModelSpec[] entries = entries(name);
        return entries == null ? Optional.empty() : Optional.of(entries[0]);
    }

    /**
     * The entry of this name and input shape.
     *
     * @param name       the model name, matched as {@link #find(String)} matches it
     * @param inputShape the input shape, matched exactly ({@code 3x224x224})
     * @return the entry, or empty when none has both
     */
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

    /**
     * The entry of this name, or an {@link UnknownModelException} listing the closest names.
     *
     * @param name the model name, matched as {@link #find(String)} matches it
     * @return the entry at its default input shape
     */
    public ModelSpec require(String name) {
        return find(name).orElseThrow(() -> new UnknownModelException("model.name", name, closeNames(name, 5)));
    }

    /**
     * The spec with this catalogue's descriptors filled in, when the spec has none of the three, an entry has
     * its name (and its input shape, when the spec gives one), and the parameter counts agree within
     * {@value #PARAMETER_TOLERANCE} (relative); otherwise the spec itself. The spec's own FLOPs, family and
     * input shape are kept; {@code matmulFlopsPerSample} is the catalogue's matmul share of the spec's FLOPs.
     *
     * @param spec the spec to complete
     * @return the spec with descriptors, or {@code spec} itself
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
     *
     * @param spec the spec to look up
     * @return the matching entry, or {@code null}
     */
    public ModelSpec descriptorsFor(ModelSpec spec) {
        if (spec.leafLayers() != null || spec.activationElementsPerSample() != null
                || spec.matmulFlopsPerSample() != null) {
            return null;
        }
        return entryFor(spec);
    }

    /**
     * The spec with what this catalogue knows of its model, when an entry has its name (and its input shape, when
     * the spec gives one) and the parameter counts agree within {@value #PARAMETER_TOLERANCE}: the entry's
     * descriptors when the spec has none of the three (as {@link #withDescriptors}), and the entry's graph when the
     * spec has none. The spec's own parameters, FLOPs, family and input shape are kept: a measurement row's
     * figures are those of the run, and a graph is attached only under the same safety as the descriptors, so a
     * row of another model of the same name never gains a wrong graph. Otherwise the spec itself.
     *
     * @param spec the spec to complete
     * @return the enriched spec, or {@code spec} itself
     */
    public ModelSpec enrich(ModelSpec spec) {
        ModelSpec entry = entryFor(spec);
        if (entry == null) {
            return spec;
        }
        ModelSpec out = withDescriptors(spec);
        if (out.graph() == null && entry.graph() != null) {
            out = out.withGraph(entry.graph());
        }
        return out;
    }

    /**
     * The entry that counts as this spec's model (name, then input shape when the spec gives one, and parameters
     * within {@value #PARAMETER_TOLERANCE}), or {@code null}. Allocates nothing for an exact name.
     *
     * @param spec the spec to look up
     * @return the matching entry, or {@code null}
     */
    public ModelSpec entryFor(ModelSpec spec) {
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

    /**
     * The catalogue's matmul share of its own FLOPs (at most 1), applied to the spec's FLOPs; null when it has
     * none.
     *
     * @param entry the catalogue entry whose share is used
     * @param spec  the spec whose FLOPs per sample are shared out
     * @return the spec's matmul FLOPs per sample, or null
     */
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

    /**
     * Known names closest to {@code requested}: containing it or contained in it first (ignoring case and
     * punctuation, for requests of three or more letters and digits), then edit distance, then name.
     *
     * @param requested the name that was not found; null is read as empty
     * @param limit     the most names to return
     * @return at most {@code limit} names, best first
     */
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
