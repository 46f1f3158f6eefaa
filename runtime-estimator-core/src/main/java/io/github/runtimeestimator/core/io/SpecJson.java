package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.internal.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * JSON for the spec types: {@link WorkloadSpec}, {@link ModelSpec} and {@link Estimate}. Keys are the record
 * component names, which carry their units ({@code flopsPerSample}, {@code seconds}, {@code lowerSeconds},
 * {@code memoryBandwidthBytesPerSecond}).
 *
 * <p>In a workload, {@code hardware} is a catalogue id or driver-reported name
 * ({@code "nvidia-h100-sxm-80gb"}, {@code "NVIDIA H100 80GB HBM3"}), {@code "local"} (the machine the JVM runs
 * on), an id with overrides ({@code {"id": "nvidia-a100-sxm-80gb", "deviceCount": 8}},
 * {@code {"id": "intel-xeon-emr-16c", "threads": 4}}, {@code {"id": "amd-epyc-genoa-9654-96c", "cores": 8}}),
 * all resolved with the catalogue given, or an inline {@link HardwareSpec} object; it may be left out. Reading is strict: unknown properties, fractions for
 * whole numbers and trailing content fail; an absent number reads as 0 and then fails the spec's own rule if
 * 0 is not allowed ({@code $.job.batchSize: job.batchSize = 0: must be >= 1}). Every failure is a
 * {@link SpecFormatException} whose message starts with the JSON path of the fault ({@code $.job.batchSize}).
 * The JSON rules are the library's one configuration ({@code JsonMappers}): a repeated key
 * ({@code $.job.batchSize: duplicate key "batchSize"}), trailing content and non-finite numbers ({@code 1e400},
 * {@code "NaN"}) are refused too.
 *
 * <p>In a workload, {@code model} is either an inline {@link ModelSpec} object or a string: the name of a model
 * catalogue entry ({@code "resnet50"}), resolved with the model catalogue given (the built-in one when none is) to
 * the entry's spec, its descriptors and graph included; an unknown name fails listing the closest ones.
 *
 * <p>A model may carry an operator graph under {@code graph}: the document of
 * {@link io.github.runtimeestimator.core.graph.GraphJson}, read as strictly (a duplicate key in it is refused too).
 *
 * <p>Writing is pretty-printed; hardware is always written inline, so a write-read round trip is exact
 * without a catalogue.
 */
public final class SpecJson {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Jackson's message for a repeated key, as {@code StreamReadFeature.STRICT_DUPLICATE_DETECTION} words it. */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate (?:field|Object property) ['\"](.*)['\"]");
    /** Jackson's message for a required creator property that is absent. */
    private static final Pattern MISSING_PROPERTY = Pattern.compile("^Missing required creator property '([^']+)'");
    /** Prefix each spec type puts on the field names of its validation messages. */
    private static final Map<Class<?>, String> FIELD_PREFIX = Map.of(
            ModelSpec.class, "model.",
            JobSpec.class, "job.",
            HardwareSpec.class, "hardware.");

    /** Largest spec file {@link #readWorkload(Path, HardwareCatalog)} reads (16 MiB); larger ones fail at once. */
    public static final long MAX_SPEC_BYTES = JsonMappers.MAX_DOCUMENT_BYTES;

    private static final ObjectMapper MAPPER = JsonMappers.strictBuilder(MAX_SPEC_BYTES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("runtime-estimator-spec-json")
                    .setDeserializerModifier(new CatalogueReferences(null, null)))
            .build();

    private SpecJson() {
    }

    /**
     * Reads a workload; a {@code hardware} string is resolved with {@code catalog}, a {@code model} string with the
     * built-in model catalogue.
     *
     * @param json    the workload document
     * @param catalog the hardware catalogue that resolves a {@code hardware} string
     * @return the workload, validated
     */
    public static WorkloadSpec readWorkload(String json, HardwareCatalog catalog) {
        return readWorkload(json, catalog, ModelCatalog.builtIn());
    }

    /**
     * Reads a workload; {@code hardware} and {@code model} strings are resolved with these catalogues.
     *
     * @param json    the workload document
     * @param catalog the hardware catalogue that resolves a {@code hardware} string
     * @param models  the model catalogue that resolves a {@code model} string
     * @return the workload, validated
     */
    public static WorkloadSpec readWorkload(String json, HardwareCatalog catalog, ModelCatalog models) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(models, "models");
        return read(json, WorkloadSpec.class,
                MAPPER.readerFor(WorkloadSpec.class)
                        .withAttribute(HardwareReferenceDeserializer.CATALOG_ATTRIBUTE, catalog)
                        .withAttribute(ModelReferenceDeserializer.CATALOG_ATTRIBUTE, models));
    }

    /**
     * Reads a workload file (UTF-8), as a stream: a file over {@link #MAX_SPEC_BYTES} fails at once without being
     * read, and a stream that is not a regular file is cut off at that size. Fails with {@link IOException} if
     * the file cannot be read, and with {@link SpecFormatException} (its message prefixed by the file name) if
     * its content is not a valid workload.
     *
     * @param json    the workload file
     * @param catalog the hardware catalogue that resolves a {@code hardware} string
     * @return the workload, validated
     * @throws IOException when the file cannot be read
     */
    public static WorkloadSpec readWorkload(Path json, HardwareCatalog catalog) throws IOException {
        return readWorkload(json, catalog, ModelCatalog.builtIn());
    }

    /**
     * Reads a workload file, resolving {@code hardware} and {@code model} strings with these catalogues; limits
     * and failures as {@link #readWorkload(Path, HardwareCatalog)}.
     *
     * @param json    the workload file
     * @param catalog the hardware catalogue that resolves a {@code hardware} string
     * @param models  the model catalogue that resolves a {@code model} string
     * @return the workload, validated
     * @throws IOException when the file cannot be read
     */
    public static WorkloadSpec readWorkload(Path json, HardwareCatalog catalog, ModelCatalog models)
            throws IOException {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(models, "models");
        try (InputStream in = Files.newInputStream(refuseOversized(json))) {
            return read(in, WorkloadSpec.class, MAPPER.readerFor(WorkloadSpec.class)
                    .withAttribute(HardwareReferenceDeserializer.CATALOG_ATTRIBUTE, catalog)
                    .withAttribute(ModelReferenceDeserializer.CATALOG_ATTRIBUTE, models));
        } catch (SpecFormatException e) {
            throw new SpecFormatException(json.getFileName() + ": " + e.getMessage(), e.path(), e.line(),
                    e.column(), e.getCause());
        }
    }

    /**
     * Fails at once, without reading, when a regular file is larger than {@link #MAX_SPEC_BYTES}; a stream
     * that is not a regular file is cut off by the parser at the same size.
     */
    private static Path refuseOversized(Path json) throws IOException {
        if (Files.isRegularFile(json) && Files.size(json) > MAX_SPEC_BYTES) {
            throw new SpecFormatException("$: the file has " + Files.size(json) + " bytes; a spec may have at most "
                    + MAX_SPEC_BYTES + " (" + (MAX_SPEC_BYTES >> 20) + " MiB)", "$", -1, -1, null);
        }
        return json;
    }

    /**
     * Reads a workload from UTF-8 bytes (a request body), with the rules and messages of
     * {@link #readWorkload(String, HardwareCatalog, ModelCatalog)}; bytes that are not valid UTF-8 fail as
     * malformed JSON.
     *
     * @param json    the workload document, UTF-8
     * @param catalog the hardware catalogue that resolves a {@code hardware} string
     * @param models  the model catalogue that resolves a {@code model} string
     * @return the workload, validated
     */
    public static WorkloadSpec readWorkload(byte[] json, HardwareCatalog catalog, ModelCatalog models) {
        return readValue(json, WorkloadSpec.class, catalog, models);
    }

    /**
     * Reads a JSON array of workloads from UTF-8 bytes, each as {@link #readWorkload(byte[], HardwareCatalog,
     * ModelCatalog)} reads one; a fault's path starts with its index ({@code $[2].job.batchSize}), and a
     * {@code null} element is refused.
     *
     * @param json    the array document, UTF-8
     * @param catalog the hardware catalogue that resolves {@code hardware} strings
     * @param models  the model catalogue that resolves {@code model} strings
     * @return the workloads, in array order
     */
    public static List<WorkloadSpec> readWorkloads(byte[] json, HardwareCatalog catalog, ModelCatalog models) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(models, "models");
        List<WorkloadSpec> specs = read(json, List.class, withCatalogues(MAPPER.readerForListOf(WorkloadSpec.class),
                catalog, models));
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) == null) {
                throw new SpecFormatException("$[" + i + "]: expected a WorkloadSpec object, found null",
                        "$[" + i + "]", -1, -1, null);
            }
        }
        return specs;
    }

    /**
     * Reads a document of {@code type} from UTF-8 bytes with the spec rules and messages: a request record that
     * holds a {@link WorkloadSpec} (whose {@code hardware} and {@code model} strings resolve with these
     * catalogues) beside fields of its own. A rule the record's constructor breaks
     * ({@code new SpecValidationException("budget", ...)}) is reported at its path ({@code $.budget}).
     *
     * @param <T>     the document's type
     * @param json    the document, UTF-8
     * @param type    the class to bind the document to
     * @param catalog the hardware catalogue that resolves {@code hardware} strings
     * @param models  the model catalogue that resolves {@code model} strings
     * @return the document as {@code type}; never null (a JSON {@code null} is refused)
     */
    public static <T> T readValue(byte[] json, Class<T> type, HardwareCatalog catalog, ModelCatalog models) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(models, "models");
        return read(json, type, withCatalogues(MAPPER.readerFor(type), catalog, models));
    }

    private static ObjectReader withCatalogues(ObjectReader reader, HardwareCatalog catalog, ModelCatalog models) {
        return reader.withAttribute(HardwareReferenceDeserializer.CATALOG_ATTRIBUTE, catalog)
                .withAttribute(ModelReferenceDeserializer.CATALOG_ATTRIBUTE, models);
    }

    /**
     * Pretty-printed JSON of a workload, hardware inline.
     *
     * @param spec the workload
     * @return the JSON text, which {@link #readWorkload(String, HardwareCatalog)} reads back exactly
     */
    public static String writeWorkload(WorkloadSpec spec) {
        return write(Objects.requireNonNull(spec, "spec"));
    }

    /**
     * JSON text as a tree (a Hugging Face {@code config.json}, say), refusing duplicate keys and trailing content;
     * a fault is a {@link SpecFormatException} naming its path, line and column.
     *
     * @param json the JSON text
     * @return the document's tree
     */
    public static JsonNode parseTree(String json) {
        return io.github.runtimeestimator.core.graph.GraphJson.parse(json);
    }

    /**
     * Reads a model spec (an inline {@link ModelSpec} object) with the strict rules of this class.
     *
     * @param json the model document
     * @return the model, validated
     */
    public static ModelSpec readModel(String json) {
        return read(json, ModelSpec.class, MAPPER.readerFor(ModelSpec.class));
    }

    /**
     * Pretty-printed JSON of a model spec.
     *
     * @param model the model
     * @return the JSON text, which {@link #readModel(String)} reads
     */
    public static String writeModel(ModelSpec model) {
        return write(Objects.requireNonNull(model, "model"));
    }

    /**
     * Reads an estimate with the strict rules of this class.
     *
     * @param json the estimate document
     * @return the estimate, validated
     */
    public static Estimate readEstimate(String json) {
        return read(json, Estimate.class, MAPPER.readerFor(Estimate.class));
    }

    /**
     * Pretty-printed JSON of an estimate.
     *
     * @param estimate the estimate
     * @return the JSON text, which {@link #readEstimate(String)} reads
     */
    public static String writeEstimate(Estimate estimate) {
        return write(Objects.requireNonNull(estimate, "estimate"));
    }

    /**
     * A JSON array of estimates, each as {@link #writeEstimate} writes it, in list order.
     *
     * @param estimates the estimates
     * @return the JSON text
     */
    public static String writeEstimates(List<Estimate> estimates) {
        return write(List.copyOf(estimates));
    }

    /**
     * A JSON array of models, each as {@link #writeModel} writes it, in list order.
     *
     * @param models the models
     * @return the JSON text
     */
    public static String writeModels(List<ModelSpec> models) {
        return write(List.copyOf(models));
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type, ObjectReader reader) {
        Objects.requireNonNull(json, "json");
        T value;
        try {
            value = reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw translate(e, type);
        } catch (IOException e) {
            throw new SpecFormatException("$: unreadable JSON: " + e.getMessage(), "$", -1, -1, e);
        }
        return notNull(value, type);
    }

    /** Reads UTF-8 bytes as {@code type}; there is no I/O, so every failure is a {@link SpecFormatException}. */
    @SuppressWarnings("unchecked")
    private static <T> T read(byte[] json, Class<?> type, ObjectReader reader) {
        Objects.requireNonNull(json, "json");
        Object value;
        try {
            value = reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw translate(e, type);
        } catch (IOException e) {
            throw new SpecFormatException("$: unreadable JSON: " + e.getMessage(), "$", -1, -1, e);
        }
        return (T) notNull(value, type);
    }

    /** Reads a stream (a spec file) as {@code type}; I/O failures are thrown as they are. */
    private static <T> T read(InputStream json, Class<T> type, ObjectReader reader) throws IOException {
        T value;
        try {
            value = reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw translate(e, type);
        }
        return notNull(value, type);
    }

    private static <T> T notNull(T value, Class<?> type) {
        if (value == null) {
            throw new SpecFormatException("$: expected a " + type.getSimpleName() + " object, found null", "$",
                    -1, -1, null);
        }
        return value;
    }

    private static SpecFormatException translate(JsonProcessingException e, Class<?> type) {
        JsonLocation at = e.getLocation();
        long line = at == null ? -1 : at.getLineNr();
        long column = at == null ? -1 : at.getColumnNr();
        String where = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        if (e instanceof JsonMappingException) {
            JsonMappingException m = (JsonMappingException) e;
            String path = path(m.getPath());
            SpecValidationException rule = findRule(e);
            if (rule != null) {
                String fieldPath = fieldPath(path, m, rule.field());
                return new SpecFormatException(fieldPath + ": " + rule.getMessage() + where, fieldPath, line,
                        column, rule);
            }
            Matcher missing = MISSING_PROPERTY.matcher(String.valueOf(m.getOriginalMessage()));
            if (missing.find()) {
                String fieldPath = path.endsWith("." + missing.group(1)) ? path : path + "." + missing.group(1);
                return new SpecFormatException(fieldPath + ": is required (missing)" + where, fieldPath, line, column,
                        e);
            }
            if (m instanceof UnrecognizedPropertyException) {
                UnrecognizedPropertyException u = (UnrecognizedPropertyException) m;
                String known = u.getKnownPropertyIds() == null ? "" : "; known: "
                        + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                        .collect(Collectors.joining(", "));
                return new SpecFormatException(path + ": unknown property \"" + u.getPropertyName() + "\" in "
                        + u.getReferringClass().getSimpleName() + known + where, path, line, column, e);
            }
            if (findCause(e, StreamReadException.class) != null) {
                return syntaxError(path, findCause(e, StreamReadException.class), where, line, column, e);
            }
            if (m.getPath().isEmpty() && String.valueOf(m.getOriginalMessage()).startsWith("No content")) {
                return new SpecFormatException("$: empty input: expected a " + type.getSimpleName() + " object",
                        "$", line, column, e);
            }
            return new SpecFormatException(path + ": " + m.getOriginalMessage() + where, path, line, column, e);
        }
        String path = "$";
        if (e.getProcessor() instanceof JsonParser) {
            path = path(((JsonParser) e.getProcessor()).getParsingContext());
        }
        return syntaxError(path, e, where, line, column, e);
    }

    /** A JSON syntax fault; a repeated key is named in the path ({@code $.job.batchSize: appears twice}). */
    private static SpecFormatException syntaxError(String path, JsonProcessingException syntax, String where,
                                                   long line, long column, Throwable cause) {
        Matcher dup = DUPLICATE_KEY.matcher(String.valueOf(syntax.getOriginalMessage()));
        if (dup.find()) {
            StringBuilder keyPath = new StringBuilder(path);
            if (!path.endsWith("." + dup.group(1))) {
                appendName(keyPath, dup.group(1));
            }
            return new SpecFormatException(keyPath + ": duplicate key \"" + dup.group(1) + "\": a key may appear"
                    + " only once in an object" + where, keyPath.toString(), line, column, cause);
        }
        return new SpecFormatException(path + ": malformed JSON: " + syntax.getOriginalMessage() + where, path,
                line, column, cause);
    }

    private static SpecValidationException findRule(Throwable e) {
        return findCause(e, SpecValidationException.class);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * The path of a validated field: the path of the object that failed plus the field's name within it
     * ({@code $.job} and {@code job.batchSize} give {@code $.job.batchSize}).
     */
    private static String fieldPath(String objectPath, JsonMappingException e, String field) {
        String rest = field;
        if (e instanceof ValueInstantiationException) {
            String prefix = FIELD_PREFIX.get(((ValueInstantiationException) e).getType().getRawClass());
            if (prefix != null && field.startsWith(prefix)) {
                rest = field.substring(prefix.length());
            }
        } else {
            for (String prefix : FIELD_PREFIX.values()) {
                // a rule broken inside a custom deserializer (a hardware reference's override) names its field
                // with the type's prefix; the object path already ends with that name
                if (field.startsWith(prefix) && objectPath.endsWith("." + prefix.substring(0, prefix.length() - 1))) {
                    rest = field.substring(prefix.length());
                }
            }
        }
        if (rest.isEmpty() || objectPath.endsWith("." + rest)) {
            return objectPath;
        }
        return objectPath + "." + rest;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                appendName(sb, r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                StringBuilder sb = new StringBuilder();
                appendName(sb, c.getCurrentName());
                parts.add(0, sb.toString());
            } else if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        return "$" + String.join("", parts);
    }

    private static void appendName(StringBuilder sb, String name) {
        if (IDENTIFIER.matcher(name).matches()) {
            sb.append('.').append(name);
        } else {
            sb.append("['").append(name.replace("'", "\\'")).append("']");
        }
    }
}
