package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.internal.AtomicFiles;
import io.github.runtimeestimator.core.internal.Utf8Reader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes measurement CSV files of schema v1 ({@code datasets/README.md}).
 *
 * <p>Reading: the header names the columns (any order); the {@link SchemaV1#REQUIRED_COLUMNS} must be there or
 * the read fails at once naming them. Each data row becomes a {@link Measurement} with its hardware resolved
 * from the catalogue, or a {@link RowRejection} naming the file, the 1-based line (the header is line 1), the
 * column, the cell and the rule; {@link ReadMode#STRICT} throws a {@link MeasurementFormatException} on the
 * first such row instead. Rows with status {@code oom} or {@code error} are kept (their time is NaN). Columns
 * beyond schema v1 are kept in {@link Measurement#extraColumns()}, in file order. Empty lines are skipped; a
 * syntax error in the CSV itself (an unclosed quote) ends the read with a {@link MeasurementFormatException}
 * in either mode.
 *
 * <p>The optional descriptor columns ({@link SchemaV1#DESCRIPTOR_COLUMNS}: {@code leaf_layers},
 * {@code activation_elements_per_sample}, {@code matmul_flops_per_sample}) are read into the row's
 * {@link io.github.runtimeestimator.core.ModelSpec} and validated like the other columns; empty cells are unknown.
 *
 * <p>Writing: the schema-v1 columns in their reference order, then the descriptor columns that some row has,
 * then every extra column seen in the rows (first seen first). Numbers are written so they parse back to the same double; integral columns have no
 * {@code .0}; NaN (unknown) is an empty cell; cells are quoted only where CSV needs it. A read-write-read round
 * trip gives equal measurements.
 */
public final class MeasurementCsv {
    private static final Logger LOG = LoggerFactory.getLogger(MeasurementCsv.class);
    private static final CsvMapper CSV = CsvRows.MAPPER;

    private MeasurementCsv() {
    }

    /**
     * Reads a schema-v1 CSV file (UTF-8); rejections name the file by its file name. A row holding bytes that
     * are not valid UTF-8 is rejected like any other bad row, naming the column and where the bad byte is; the
     * other rows are read as usual.
     *
     * @param csv     the CSV file
     * @param catalog the hardware catalogue that resolves each row's hardware
     * @param mode    how a bad row is treated; null means {@link ReadMode#STRICT}
     * @return the measurements and the rejected rows
     * @throws IOException when the file cannot be read
     */
    public static MeasurementReadResult read(Path csv, HardwareCatalog catalog, ReadMode mode) throws IOException {
        try (Utf8Reader in = new Utf8Reader(Files.newInputStream(csv))) {
            return read(in, String.valueOf(csv.getFileName()), catalog, null, mode);
        }
    }

    /**
     * Reads a schema-v1 CSV file as {@link #read(Path, HardwareCatalog, ReadMode)} does, and a row that names its
     * model but gives neither {@code params} nor {@code flops_per_sample} takes its model (parameters, FLOPs,
     * descriptors, graph) from {@code models}'s entry of that name (and input shape, when the row gives one); a
     * row naming a model the catalogue does not know is then rejected naming {@code params}.
     *
     * @param csv     the CSV file
     * @param catalog the hardware catalogue that resolves each row's hardware
     * @param models  the model catalogue that completes rows naming only their model; not null
     * @param mode    how a bad row is treated; null means {@link ReadMode#STRICT}
     * @return the measurements and the rejected rows
     * @throws IOException when the file cannot be read
     */
    public static MeasurementReadResult read(Path csv, HardwareCatalog catalog, ModelCatalog models, ReadMode mode)
            throws IOException {
        Objects.requireNonNull(models, "models");
        try (Utf8Reader in = new Utf8Reader(Files.newInputStream(csv))) {
            return read(in, String.valueOf(csv.getFileName()), catalog, models, mode);
        }
    }

    /**
     * Reads schema-v1 CSV text; {@code fileName} is what rejections and errors call the source. When {@code in}
     * is a {@link Utf8Reader}, rows with invalid UTF-8 are rejected one by one (as {@link #read(Path,
     * HardwareCatalog, ReadMode)} does); another reader decodes as it was built to.
     *
     * @param in       the CSV text
     * @param fileName what rejections and errors call the source
     * @param catalog  the hardware catalogue that resolves each row's hardware
     * @param mode     how a bad row is treated; null means {@link ReadMode#STRICT}
     * @return the measurements and the rejected rows
     * @throws IOException when the text cannot be read
     */
    public static MeasurementReadResult read(Reader in, String fileName, HardwareCatalog catalog, ReadMode mode)
            throws IOException {
        return read(in, fileName, catalog, null, mode);
    }

    private static MeasurementReadResult read(Reader in, String fileName, HardwareCatalog catalog,
                                              ModelCatalog models, ReadMode mode) throws IOException {
        Objects.requireNonNull(in, "in");
        Utf8Reader utf8 = in instanceof Utf8Reader ? (Utf8Reader) in : null;
        Objects.requireNonNull(catalog, "catalog");
        MeasurementRowCodec codec = new MeasurementRowCodec(catalog, models);
        RowSink sink = new RowSink(mode);
        try (CsvParser p = (CsvParser) CSV.getFactory().createParser(in)) {
            p.setSchema(CsvSchema.emptySchema().withoutHeader());
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new MeasurementFormatException(new RowRejection(fileName, 1, "", null,
                        "is empty: expected a schema-v1 header line"));
            }
            List<String> header = null;
            List<String> cells = new ArrayList<>();
            while (true) {
                JsonToken t = CsvRows.nextToken(p, fileName);
                if (t == null || t == JsonToken.END_ARRAY) {
                    break;
                }
                long line = CsvRows.readRow(p, cells, fileName);
                RowRejection badBytes = invalidUtf8(utf8, cells, header, fileName, line);
                if (header == null) {
                    if (badBytes != null) {
                        throw new MeasurementFormatException(badBytes);
                    }
                    header = header(cells, fileName, line);
                    continue;
                }
                if (badBytes != null) {
                    sink.reject(badBytes);
                    continue;
                }
                if (cells.size() != header.size()) {
                    sink.reject(new RowRejection(fileName, line, "", null,
                            "row has " + cells.size() + " cells, the header has " + header.size()));
                    continue;
                }
                MeasurementRowCodec.Row row = new MeasurementRowCodec.Row();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                try {
                    sink.accept(codec.decode(row), line);
                } catch (RowFault fault) {
                    sink.reject(fault.at(fileName, line));
                }
            }
            if (header == null) {
                throw new MeasurementFormatException(new RowRejection(fileName, 1, "", null,
                        "is empty: expected a schema-v1 header line"));
            }
        }
        MeasurementReadResult result = sink.result();
        LOG.debug("{}: {} measurements, {} rejected rows", fileName, result.measurements().size(),
                result.rejections().size());
        return result;
    }
    /**
     * The rejection of a row that holds a malformed UTF-8 sequence (decoded as U+FFFD), or null: the column is
     * the first cell with a replacement character, the reason says the bytes and their line and column.
     */
    private static RowRejection invalidUtf8(Utf8Reader utf8, List<String> cells, List<String> header,
                                            String fileName, long line) {
        if (utf8 == null) {
            return null;
        }
        utf8.forgetBefore(line);
        int cell = -1;
        long newlines = 0;
        for (int i = 0; i < cells.size(); i++) {
            String text = cells.get(i);
            if (cell < 0 && text.indexOf('\uFFFD') >= 0) {
                cell = i;
            }
            newlines += text.chars().filter(c -> c == '\n').count();
        }
        if (cell < 0) {
            return null;
        }
        Optional<Utf8Reader.Malformation> bad = utf8.firstBetween(line, line + newlines);
        if (bad.isEmpty()) {
            return null; // a genuine U+FFFD written as valid UTF-8
        }
        String column = header == null ? "" : cell < header.size() ? header.get(cell) : "";
        return new RowRejection(fileName, line, column, cells.get(cell), "is not valid UTF-8: " + bad.get());
    }

    private static List<String> header(List<String> cells, String fileName, long line)
            throws MeasurementFormatException {
        List<String> names = CsvRows.columnNames(cells, fileName, line);
        Set<String> seen = new HashSet<>(names);
        List<String> missing = SchemaV1.REQUIRED_COLUMNS.stream().filter(c -> !seen.contains(c))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new MeasurementFormatException(new RowRejection(fileName, line, "", null,
                    "header is missing required schema-v1 columns " + missing));
        }
        return names;
    }

    /**
     * Writes the measurements as schema-v1 CSV (UTF-8), replacing the file atomically: a reader sees the old
     * file or the new one, never a part ({@link AtomicFiles}).
     *
     * @param csv  the file to write
     * @param rows the measurements, written in this order
     * @throws IOException when the file cannot be written
     */
    public static void write(Path csv, List<Measurement> rows) throws IOException {
        AtomicFiles.write(csv, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            write(out, rows);
            out.flush();
        });
    }

    /**
     * Writes the measurements as schema-v1 CSV: header, then one line per measurement. Does not close.
     *
     * @param out  where the CSV text goes; flushed at the end
     * @param rows the measurements, written in this order
     * @throws IOException when the writer fails
     */
    public static void write(Writer out, List<Measurement> rows) throws IOException {
        Objects.requireNonNull(out, "out");
        List<Map<String, String>> encoded = rows.stream().map(MeasurementRowCodec::encode)
                .collect(Collectors.toList());
        Set<String> columns = new LinkedHashSet<>(SchemaV1.COLUMNS);
        for (String descriptor : SchemaV1.DESCRIPTOR_COLUMNS) {
            if (encoded.stream().anyMatch(cells -> cells.containsKey(descriptor))) {
                columns.add(descriptor);
            }
        }
        for (Map<String, String> cells : encoded) {
            columns.addAll(cells.keySet());
        }
        List<String> header = List.copyOf(columns);
        try (SequenceWriter w = CSV.writer(CsvSchema.emptySchema().withoutHeader().withLineSeparator("\n"))
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out)) {
            w.write(header.toArray(new String[0]));
            String[] line = new String[header.size()];
            for (Map<String, String> cells : encoded) {
                for (int i = 0; i < line.length; i++) {
                    line[i] = cells.getOrDefault(header.get(i), "");
                }
                w.write(line);
            }
        }
        out.flush();
    }
}
