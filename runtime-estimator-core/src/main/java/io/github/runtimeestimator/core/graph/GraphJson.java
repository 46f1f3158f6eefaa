package io.github.runtimeestimator.core.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.internal.JsonFields;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.io.SpecFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The operator-graph JSON document ({@code docs/formats/operator-graph.md}, format version {@value #FORMAT_VERSION}):
 * reads it strictly (unknown or duplicate keys, unknown kinds and variants, fractional or textual dimensions and
 * any other format version are refused) and writes it (defaults left out, keys in the format's order).
 *
 * <p>Every failure to read names the JSON path of the fault, as a {@link SpecFormatException} whose message is
 * {@code path = value: rule} ({@code operators[3].k = 0: must be >= 1}) or {@code path: what is wrong}
 * ({@code operators[3].k: duplicate key (line 9, column 20)}); {@link SpecFormatException#path()} is the same path
 * with a leading {@code $.}. Inside a {@link io.github.runtimeestimator.core.ModelSpec} the graph is this same
 * document under the key {@code graph}.
 */
public final class GraphJson {
    /** The format version this library reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private static final List<String> DOCUMENT_KEYS = List.of("formatVersion", "model", "source", "inputShape",
            "operators");
    // the library's strict JSON rules (duplicate keys, trailing content, size limits), for trees
    private static final ObjectMapper MAPPER = JsonMappers.strictBuilder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private GraphJson() {
    }

    /**
     * Reads a graph document; a bad document fails with a {@link SpecFormatException} naming the path of the fault.
     *
     * @param json the document's text, not null
     * @return the graph
     */
    public static OperatorGraph read(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode tree = parse(json);
        try {
            return fromTree(tree, "");
        } catch (SpecValidationException e) {
            throw new SpecFormatException(e.getMessage(), "$." + e.field(), -1, -1, e);
        }
    }

    /**
     * Reads a graph file (UTF-8); a bad document fails with its file name before the path.
     *
     * @param file the graph file
     * @return the graph
     * @throws IOException when the file cannot be read
     */
    public static OperatorGraph read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return read(text);
        } catch (SpecFormatException e) {
            throw new SpecFormatException(file.getFileName() + ": " + e.getMessage(), e.path(), e.line(), e.column(),
                    e.getCause());
        }
    }

    /**
     * JSON text as a tree, refusing duplicate keys and malformed input with the path of the fault.
     *
     * @param json the JSON text
     * @return the tree; empty input fails with a {@link SpecFormatException}
     */
    public static JsonNode parse(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new SpecFormatException("$: empty input: expected a JSON object", "$", -1, -1, null);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        }
    }

    /**
     * A graph from a parsed document found at {@code path} ("" for a document of its own, {@code model.graph}
     * inside another); fails with a {@link SpecValidationException} whose field is the JSON path of the fault.
     *
     * @param node the document's object
     * @param path where the document sits, prefixed to the paths in failures
     * @return the graph, with the document's provenance
     */
    public static OperatorGraph fromTree(JsonNode node, String path) {
        JsonFields f = JsonFields.of(node, path);
        JsonNode version = f.get("formatVersion");
        if (version == null) {
            throw new SpecValidationException(f.path("formatVersion"), null, "is required (" + FORMAT_VERSION + ")");
        }
        if (!version.isIntegralNumber() || version.longValue() != FORMAT_VERSION) {
            throw new SpecValidationException(f.path("formatVersion"), version, "is not supported (this version "
                    + "reads operator graphs of format " + FORMAT_VERSION + ")");
        }
        String model = f.text("model", null);
        String source = f.text("source", null);
        String inputShape = f.text("inputShape", null);
        JsonNode operators = f.get("operators");
        if (operators == null) {
            throw new SpecValidationException(f.path("operators"), null, "is required");
        }
        if (!operators.isArray()) {
            throw new SpecValidationException(f.path("operators"), operators.getNodeType().toString(),
                    "must be an array of operators");
        }
        if (operators.isEmpty()) {
            throw new SpecValidationException(f.path("operators"), "[]", "must hold at least one operator");
        }
        f.refuseUnknown("an operator graph", DOCUMENT_KEYS);
        List<OperatorGraph.Entry> entries = new ArrayList<>(operators.size());
        for (int i = 0; i < operators.size(); i++) {
            entries.add(OperatorJson.readEntry(operators.get(i), f.path("operators") + "[" + i + "]"));
        }
        return OperatorGraph.of(entries).withProvenance(model, source, inputShape);
    }

    /**
     * One operator from a JSON object with {@code kind}, {@code variant} and the kind's dimension keys (as in a
     * graph's {@code operators} list); failures name {@code path.key}.
     *
     * @param node the operator's object
     * @param path where the object sits ({@code operators[3]})
     * @return the operator
     */
    public static Operator operatorFromTree(JsonNode node, String path) {
        return OperatorJson.readOperator(node, path);
    }

    /**
     * One operator from its kind, variant and dimensions as text, as a kernel-measurement row gives them
     * ({@code docs/formats/kernel-measurements.md}: {@code dims} {@code b=1;m=512;n=768;k=768;bias=false}, split
     * into a map): whole numbers, decimals ({@code flopsPerElement}) and {@code true}/{@code false} are read as
     * such; the keys, defaults and rules are those of the graph JSON. Failures name {@code path.key}.
     *
     * @param kind    the kind's id ({@code matmul})
     * @param variant null for the kind's default
     * @param dims    the dimensions by key, as text
     * @param path    the path named in failures
     * @return the operator
     */
    public static Operator operatorFromDims(String kind, String variant, java.util.Map<String, String> dims,
                                            String path) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", kind);
        if (variant != null && !variant.isBlank()) {
            o.put("variant", variant);
        }
        for (java.util.Map.Entry<String, String> e : dims.entrySet()) {
            String key = e.getKey().trim();
            String text = e.getValue() == null ? "" : e.getValue().trim();
            if (key.equals("kind") || key.equals("variant") || key.equals("name") || key.equals("repeat")) {
                throw new SpecValidationException(JsonFields.child(path, key), text, "is not a dimension");
            }
            if (text.equals("true") || text.equals("false")) {
                o.put(key, Boolean.parseBoolean(text));
            } else if (text.matches("-?[0-9]+")) {
                try {
                    o.put(key, Long.parseLong(text));
                } catch (NumberFormatException tooLarge) {
                    o.put(key, text);
                }
            } else if (text.matches("-?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
                o.put(key, Double.parseDouble(text));
            } else {
                o.put(key, text);
            }
        }
        return OperatorJson.readOperator(o, path);
    }

    /**
     * The dimensions of an operator as text, keys in the graph JSON's order, every dimension written (defaults
     * included), without kind, variant and batch dimension: the {@code dims} of a kernel-measurement row (whose
     * operator is the shape that ran, batch folded in).
     *
     * @param operator the operator
     * @return the dimensions as text by key, in the graph JSON's order
     */
    public static java.util.Map<String, String> operatorDims(Operator operator) {
        java.util.Map<String, String> dims = new java.util.LinkedHashMap<>();
        ObjectNode written = OperatorJson.write(new OperatorGraph.Entry(operator));
        for (String key : OperatorJson.keys(operator.kind())) {
            if (key.equals("kind") || key.equals("variant") || key.equals("name") || key.equals("repeat")
                    || key.equals("cell") || key.equals("batchDim")) {
                continue;
            }
            JsonNode v = written.get(key);
            if (v != null) {
                dims.put(key, v.asText());
            } else {
                JsonNode d = OperatorJson.defaultValue(operator, key);
                if (d != null) {
                    dims.put(key, d.asText());
                }
            }
        }
        return dims;
    }

    /**
     * One operator as the JSON object of a graph's {@code operators} list (without name or repeat).
     *
     * @param operator the operator
     * @return a new JSON object
     */
    public static ObjectNode operatorToTree(Operator operator) {
        return OperatorJson.write(new OperatorGraph.Entry(operator));
    }

    /**
     * The document of a graph as a tree.
     *
     * @param graph the graph
     * @return a new JSON object: format version, provenance when known, operators
     */
    public static ObjectNode toTree(OperatorGraph graph) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("formatVersion", FORMAT_VERSION);
        if (graph.model() != null) {
            root.put("model", graph.model());
        }
        if (graph.source() != null) {
            root.put("source", graph.source());
        }
        if (graph.inputShape() != null) {
            root.put("inputShape", graph.inputShape());
        }
        ArrayNode ops = root.putArray("operators");
        for (OperatorGraph.Entry e : graph.entries()) {
            ops.add(OperatorJson.write(e));
        }
        return root;
    }

    /**
     * The document of a graph, pretty-printed.
     *
     * @param graph the graph
     * @return the JSON text
     */
    public static String write(OperatorGraph graph) {
        try {
            return MAPPER.writeValueAsString(toTree(graph));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write an operator graph as JSON", e);
        }
    }

    private static SpecFormatException syntaxError(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        long line = at == null ? -1 : at.getLineNr();
        long column = at == null ? -1 : at.getColumnNr();
        String where = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        String path = "";
        if (e.getProcessor() instanceof JsonParser) {
            path = path(((JsonParser) e.getProcessor()).getParsingContext());
        }
        String message = String.valueOf(e.getOriginalMessage());
        String shown = path.isEmpty() ? "$" : path;
        if (message.startsWith("Duplicate field")) {
            return new SpecFormatException(shown + ": duplicate key" + where, "$" + (path.isEmpty() ? "" : "." + path),
                    line, column, e);
        }
        return new SpecFormatException(shown + ": malformed JSON: " + message + where,
                "$" + (path.isEmpty() ? "" : "." + path), line, column, e);
    }

    /** {@code operators[3].k} for the parser's position. */
    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            } else if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!p.startsWith("[") && sb.length() > 0) {
                sb.append('.');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    /** Writes an {@link OperatorGraph} property as its document (used by {@code SpecJson} for {@code ModelSpec}). */
    public static final class Serializer extends JsonSerializer<OperatorGraph> {
        @Override
        public void serialize(OperatorGraph graph, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeTree(toTree(graph));
        }
    }

    /** Reads an {@link OperatorGraph} property from its document; a fault names its path inside the graph. */
    public static final class Deserializer extends JsonDeserializer<OperatorGraph> {
        @Override
        public OperatorGraph deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            return fromTree(node, "");
        }
    }
}
