package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.internal.AtomicFiles;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.internal.Utf8Reader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes measurements as JSON lines ({@code .jsonl}): one JSON object per line whose keys are the
 * schema-v1 column names ({@link SchemaV1#COLUMNS}), so a collector can emit this or CSV with the same
 * meaning. Values are strings, numbers or null (null and absent keys are empty cells); other keys are extra
 * columns, kept in order as text.
 *
 * <p>Reading follows {@link MeasurementCsv}: every non-blank line becomes a {@link Measurement} or a
 * {@link RowRejection} with its 1-based line number and the key at fault ({@link ReadMode#STRICT} throws on the
 * first). A line that is not a JSON object is rejected like any other bad row. A missing required key is a
 * rejection of that line (there is no header to fail on).
 *
 * <p>Writing: every schema key in schema order (numbers as JSON numbers, written to parse back exactly;
 * unknown numbers as null), then the extra columns as strings.
 */
public final class MeasurementJsonLines {
    private static final Logger LOG = LoggerFactory.getLogger(MeasurementJsonLines.class);
    private static final JsonFactory JSON = JsonMappers.strictFactory();
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private MeasurementJsonLines() {
    }

    /**
     * Reads a JSON-lines file (UTF-8); rejections name the file by its file name. A line holding bytes that are
     * not valid UTF-8 is rejected, naming where the bad byte is; the other lines are read as usual.
     *
     * @param jsonl   the JSON-lines file
     * @param catalog the hardware catalogue that resolves each line's hardware
     * @param mode    how a bad line is treated; null means {@link ReadMode#STRICT}
     * @return the measurements and the rejected lines
     * @throws IOException when the file cannot be read
     */
    public static MeasurementReadResult read(Path jsonl, HardwareCatalog catalog, ReadMode mode) throws IOException {
        try (Utf8Reader in = new Utf8Reader(Files.newInputStream(jsonl))) {
            return read(in, String.valueOf(jsonl.getFileName()), catalog, mode);
        }
    }

    /**
     * Reads JSON-lines text; {@code fileName} is what rejections call the source. When {@code in} is a
     * {@link Utf8Reader}, lines with invalid UTF-8 are rejected one by one.
     *
     * @param in       the JSON-lines text
     * @param fileName what rejections call the source
     * @param catalog  the hardware catalogue that resolves each line's hardware
     * @param mode     how a bad line is treated; null means {@link ReadMode#STRICT}
     * @return the measurements and the rejected lines
     * @throws IOException when the text cannot be read
     */
    public static MeasurementReadResult read(Reader in, String fileName, HardwareCatalog catalog, ReadMode mode)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(catalog, "catalog");
        Utf8Reader utf8 = in instanceof Utf8Reader ? (Utf8Reader) in : null;
        MeasurementRowCodec codec = new MeasurementRowCodec(catalog);
        RowSink sink = new RowSink(mode);
        BufferedReader lines = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        long lineNr = 0;
        String text;
        while ((text = lines.readLine()) != null) {
            lineNr++;
            if (lineNr == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            if (utf8 != null && text.indexOf('\uFFFD') >= 0) {
                utf8.forgetBefore(lineNr);
                Optional<Utf8Reader.Malformation> bad = utf8.firstBetween(lineNr, lineNr);
                if (bad.isPresent()) {
                    sink.reject(new RowRejection(fileName, lineNr, "", null, "is not valid UTF-8: " + bad.get()));
                    continue;
                }
            }
            try {
                sink.accept(codec.decode(row(text)), lineNr);
            } catch (RowFault fault) {
                sink.reject(fault.at(fileName, lineNr));
            }
        }
        MeasurementReadResult result = sink.result();
        LOG.debug("{}: {} measurements, {} rejected lines", fileName, result.measurements().size(),
                result.rejections().size());
        return result;
    }

    private static MeasurementRowCodec.Row row(String text) throws RowFault {
        MeasurementRowCodec.Row row = new MeasurementRowCodec.Row();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RowFault("", null, "is not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (row.has(key)) {
                    throw new RowFault(key, null, "appears twice on the line");
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    throw new RowFault(key, null, "must be a string, a number or null, not an "
                            + (value == JsonToken.START_OBJECT ? "object" : "array"));
                }
                row.put(key, value == JsonToken.VALUE_NULL ? "" : p.getText());
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new RowFault("", null, "has text after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new RowFault("", null, "malformed JSON at column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RowFault("", null, "unreadable: " + e.getMessage());
        }
        for (String required : SchemaV1.REQUIRED_COLUMNS) {
            if (!row.has(required)) {
                throw new RowFault(required, null, "is a required schema-v1 key and is missing");
            }
        }
        return row;
    }

    /**
     * Writes the measurements as JSON lines (UTF-8), replacing the file atomically ({@link AtomicFiles}).
     *
     * @param jsonl the file to write
     * @param rows  the measurements, written in this order
     * @throws IOException when the file cannot be written
     */
    public static void write(Path jsonl, List<Measurement> rows) throws IOException {
        AtomicFiles.write(jsonl, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            write(out, rows);
            out.flush();
        });
    }

    /**
     * Writes one JSON object per measurement, one per line. Does not close {@code out}.
     *
     * @param out  where the lines go
     * @param rows the measurements, written in this order
     * @throws IOException when the writer fails
     */
    public static void write(Writer out, List<Measurement> rows) throws IOException {
        Objects.requireNonNull(out, "out");
        for (Measurement m : rows) {
            StringWriter line = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(line)) {
                g.writeStartObject();
                for (Map.Entry<String, String> cell : MeasurementRowCodec.encode(m).entrySet()) {
                    String key = cell.getKey();
                    String value = cell.getValue();
                    g.writeFieldName(key);
                    if (SchemaV1.isSchemaColumn(key) && SchemaV1.isNumeric(key)) {
                        if (value.isEmpty()) {
                            g.writeNull();
                        } else if (JSON_NUMBER.matcher(value).matches()) {
                            g.writeNumber(value);
                        } else {
                            g.writeString(value); // Infinity: not a JSON number, read back from its text
                        }
                    } else {
                        g.writeString(value);
                    }
                }
                g.writeEndObject();
            }
            out.write(line.toString());
            out.write('\n');
        }
        out.flush();
    }
}
