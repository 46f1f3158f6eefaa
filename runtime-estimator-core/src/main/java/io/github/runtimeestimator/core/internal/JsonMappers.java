package io.github.runtimeestimator.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one home of the library's Jackson configuration: every JSON document the library reads (specs, offers,
 * hardware and model catalogues, JSON-lines rows, artifact manifests) is parsed by a mapper or factory from here,
 * so that the same rules hold everywhere:
 * <ul>
 *   <li><b>Duplicate keys</b> are refused ({@code "batchSize": 64, "batchSize": 1} is an error naming the key,
 *       never "last one wins").</li>
 *   <li><b>Trailing content</b> after the document is refused.</li>
 *   <li><b>Non-finite numbers</b> are refused: the {@code NaN} / {@code Infinity} tokens, numbers too large for a
 *       double ({@code 1e400}) and the strings {@code "NaN"} / {@code "Infinity"} bound to a number field. Only
 *       {@code double} / {@code Double} targets are checked; a tree ({@code JsonNode}) keeps what it read.</li>
 *   <li><b>Unknown properties</b> fail (a caller that reads a forward-compatible format opts out explicitly).</li>
 *   <li><b>Fractions are not whole numbers</b>: {@code 64.5} (or {@code 6.4e1}) for an {@code int} fails.</li>
 *   <li><b>Size limits</b> ({@link #limits(long)}): a document of at most {@link #MAX_DOCUMENT_BYTES} (unless a
 *       reader states its own), names of at most {@value #MAX_NAME_CHARS} characters, strings of at most
 *       {@value #MAX_STRING_CHARS}, numbers of at most {@value #MAX_NUMBER_CHARS} digits, nesting at most
 *       {@value #MAX_NESTING_DEPTH} deep. The parser stops as soon as one is exceeded, so an oversized input
 *       costs at most the limit, never the whole input.</li>
 * </ul>
 * Failures are Jackson's own exceptions, with the location and (for bound values) the JSON path; callers such
 * as {@code SpecJson} turn them into their messages.
 *
 * <p>CSV has its two mappers here too: {@link #csvRows()} (rows as arrays of cells: schema-v1 and kernel files, a
 * line of {@code nvidia-smi} output) and {@link #csvRecords()} (records keyed by a header row: the offers table).
 *
 * <p>Internal: not part of the library's API; the modules of this project share it.
 */
public final class JsonMappers {
    /** Largest JSON document read unless a reader states otherwise: 16 MiB, far above any spec or catalogue. */
    public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;
    public static final int MAX_NAME_CHARS = 1_000;
    public static final int MAX_STRING_CHARS = 1_000_000;
    public static final int MAX_NUMBER_CHARS = 400;
    public static final int MAX_NESTING_DEPTH = 200;

    private static final ObjectMapper STRICT = strictBuilder().build();
    private static final CsvMapper CSV_ROWS = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final CsvMapper CSV_RECORDS = CsvMapper.builder().build();
    private static final ObjectMapper OUTPUT = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final JsonFactory STRICT_FACTORY = strictFactory(MAX_DOCUMENT_BYTES);

    private JsonMappers() {
    }

    /** The read limits with a document of at most {@code maxDocumentBytes} (see the class comment). */
    public static StreamReadConstraints limits(long maxDocumentBytes) {
        return StreamReadConstraints.builder()
                .maxDocumentLength(maxDocumentBytes)
                .maxNameLength(MAX_NAME_CHARS)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build();
    }

    /** A streaming factory with the strict rules of the class comment (duplicate keys, NaN tokens, limits). */
    public static JsonFactory strictFactory(long maxDocumentBytes) {
        return JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(limits(maxDocumentBytes))
                .build();
    }

    /** The shared strict streaming factory ({@link #MAX_DOCUMENT_BYTES}). */
    public static JsonFactory strictFactory() {
        return STRICT_FACTORY;
    }

    /**
     * A builder holding every strict rule, for readers that add their own modules or settings (a
     * deserializer modifier, an opt-out of {@code FAIL_ON_UNKNOWN_PROPERTIES} for a forward-compatible format).
     */
    public static JsonMapper.Builder strictBuilder() {
        return strictBuilder(MAX_DOCUMENT_BYTES);
    }

    /** {@link #strictBuilder()} with another document size limit. */
    public static JsonMapper.Builder strictBuilder(long maxDocumentBytes) {
        return JsonMapper.builder(strictFactory(maxDocumentBytes))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .addModule(finiteNumbers());
    }

    /** The shared strict mapper (thread-safe; do not reconfigure it). */
    public static ObjectMapper strict() {
        return STRICT;
    }

    /**
     * CSV as rows of cells: each record an array of strings, empty lines skipped; on writing, only cells that need
     * it are quoted.
     *
     * @return the shared mapper (thread-safe; derive readers and writers from it, never reconfigure it)
     */
    public static CsvMapper csvRows() {
        return CSV_ROWS;
    }

    /**
     * CSV as records keyed by the header row (with a schema {@code withHeader()}).
     *
     * @return the shared mapper (thread-safe; derive readers from it, never reconfigure it)
     */
    public static CsvMapper csvRecords() {
        return CSV_RECORDS;
    }

    /** The mapper for documents the library writes: pretty-printed, default settings otherwise. */
    public static ObjectMapper output() {
        return OUTPUT;
    }

    /**
     * Where a parse or binding failure happened, for a message: {@code " at $.jobs[0].deadline (line 7, column 30)"},
     * or only the part that is known ({@code ""} when neither is). The path is the JSON path of the value being read
     * (for a duplicate key, the key itself).
     */
    public static String whereOf(JsonProcessingException e) {
        String path = pathOf(e);
        JsonLocation at = e.getLocation();
        String line = at == null || at.getLineNr() < 1 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return (path.isEmpty() ? "" : " at " + path) + line;
    }

    /**
     * The JSON path ({@code $.jobs[0].deadline}) of the value a failure happened at, "" when unknown: the longer of
     * the parser's position and the path databind recorded (databind stops at the object of a repeated key).
     */
    static String pathOf(JsonProcessingException e) {
        List<String> fromParser = new ArrayList<>();
        if (e.getProcessor() instanceof JsonParser parser) {
            for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    fromParser.add(0, c.getCurrentName());
                } else if (c.inArray()) {
                    fromParser.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
                }
            }
        }
        List<String> fromMapping = new ArrayList<>();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference r : mapping.getPath()) {
                fromMapping.add(r.getFieldName() != null ? r.getFieldName() : "[" + Math.max(0, r.getIndex()) + "]");
            }
        }
        List<String> parts = fromParser.size() >= fromMapping.size() ? fromParser : fromMapping;
        if (parts.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("$");
        for (String part : parts) {
            sb.append(part.startsWith("[") ? "" : ".").append(part);
        }
        return sb.toString();
    }

    /** The module that refuses non-finite values bound to {@code double} and {@code Double}. */
    public static Module finiteNumbers() {
        SimpleModule module = new SimpleModule("runtime-estimator-finite-numbers");
        module.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        module.addDeserializer(Double.TYPE, new FiniteDouble(Double.TYPE, 0.0));
        return module;
    }

    /** Jackson's double deserializer, refusing NaN and the infinities with the value's location and path. */
    private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {
        private static final long serialVersionUID = 1L;

        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double value = super.deserialize(p, ctxt);
            if (value != null && !Double.isFinite(value)) {
                throw InvalidFormatException.from(p, "non-finite number " + describe(p) + ": must be a finite number",
                        value, Double.class);
            }
            return value;
        }

        private static String describe(JsonParser p) {
            try {
                String text = p.getText();
                return text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
            } catch (IOException e) {
                return "";
            }
        }
    }
}
