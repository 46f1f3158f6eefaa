package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads kernel-measurement files into {@link KernelMeasurement}s: our own schema {@code kernels-v1} and the
 * public files of other labs (NeuSight's kernel files, Vidur's LLM operator profiles), the format told by the
 * header ({@link KernelFileFormat}), gzipped or not (told by the first bytes); and writes {@code kernels-v1}.
 * {@code docs/formats/kernel-measurements.md} is the reference.
 *
 * <p>Rows are treated as {@link MeasurementCsv} treats measurement rows: a row that breaks a rule becomes a
 * {@link RowRejection} naming the file, the 1-based line, the column, the cell and the rule
 * ({@link ReadMode#LENIENT}), or ends the read with a {@link MeasurementFormatException}
 * ({@link ReadMode#STRICT}). A header without the format's required columns, an unknown header or malformed
 * CSV ends the read in either mode. Bytes that are not valid UTF-8 reject the row they are in.
 */
public final class KernelCsv {
    private static final Logger LOG = LoggerFactory.getLogger(KernelCsv.class);
    private static final CsvMapper CSV = CsvRows.MAPPER;
    private static final char REPLACEMENT = '\uFFFD';

    private KernelCsv() {
    }

    /**
     * Reads a kernel file, gzipped or not; rejections name the file by its file name.
     *
     * @param file    the kernel file
     * @param catalog the hardware catalogue that resolves the file's device names
     * @param mode    how a bad row is treated; null means {@link ReadMode#STRICT}
     * @return the measurements and the rejected rows
     * @throws IOException when the file cannot be read
     */
    public static KernelReadResult read(Path file, HardwareCatalog catalog, ReadMode mode) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, String.valueOf(file.getFileName()), catalog, mode);
        }
    }

    /**
     * Reads a kernel file from a stream (gzipped or not); {@code fileName} is what rejections call the source.
     * Does not close the stream.
     *
     * @param in       the file's bytes, gzipped or not
     * @param fileName what rejections call the source
     * @param catalog  the hardware catalogue that resolves the file's device names
     * @param mode     how a bad row is treated; null means {@link ReadMode#STRICT}
     * @return the measurements and the rejected rows
     * @throws IOException when the stream cannot be read or is not valid gzip
     */
    public static KernelReadResult read(InputStream in, String fileName, HardwareCatalog catalog, ReadMode mode)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(catalog, "catalog");
        InputStream raw = in.markSupported() ? in : new BufferedInputStream(in);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream plain = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        Reader reader = new InputStreamReader(plain, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        return read(reader, fileName, catalog, mode);
    }

    /**
     * Reads kernel-file text (not gzipped). Does not close the reader.
     *
     * @param in       the file's text
     * @param fileName what rejections call the source
     * @param catalog  the hardware catalogue that resolves the file's device names
     * @param mode     how a bad row is treated; null means {@link ReadMode#STRICT}
     * @return the measurements and the rejected rows
     * @throws IOException when the text cannot be read
     */
    public static KernelReadResult read(Reader in, String fileName, HardwareCatalog catalog, ReadMode mode)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(catalog, "catalog");
        ReadMode readMode = mode == null ? ReadMode.STRICT : mode;
        List<KernelMeasurement> measurements = new ArrayList<>();
        List<RowRejection> rejections = new ArrayList<>();
        KernelFileFormat format = null;
        KernelRowDecoder decoder = null;
        try (CsvParser p = (CsvParser) CSV.getFactory().createParser(in)) {
            p.setSchema(CsvSchema.emptySchema().withoutHeader());
            if (CsvRows.nextToken(p, fileName) != JsonToken.START_ARRAY) {
                throw empty(fileName);
            }
            List<String> header = null;
            List<String> cells = new ArrayList<>();
            while (true) {
                JsonToken t = CsvRows.nextToken(p, fileName);
                if (t == null || t == JsonToken.END_ARRAY) {
                    break;
                }
                long line = CsvRows.readRow(p, cells, fileName);
                if (header == null) {
                    header = CsvRows.columnNames(cells, fileName, line);
                    format = KernelFileFormat.detect(header);
                    if (format == null) {
                        throw new MeasurementFormatException(new RowRejection(fileName, line, "", null,
                                "header is not a kernel file's: expected a schema_version column (kernels-v1), "
                                        + "NeuSight's op, device, latency_ms or Vidur's kind, num_tokens, median_ms"));
                    }
                    decoder = decoder(format, header, catalog, fileName, line);
                    continue;
                }
                RowRejection rejection = null;
                if (cells.size() != header.size()) {
                    rejection = new RowRejection(fileName, line, "", null,
                            "row has " + cells.size() + " cells, the header has " + header.size());
                } else {
                    Map<String, String> row = new LinkedHashMap<>(header.size() * 2);
                    String badColumn = null;
                    for (int i = 0; i < header.size(); i++) {
                        String cell = cells.get(i);
                        if (badColumn == null && cell.indexOf(REPLACEMENT) >= 0) {
                            badColumn = header.get(i);
                        }
                        row.put(header.get(i), cell);
                    }
                    if (badColumn != null) {
                        rejection = new RowRejection(fileName, line, badColumn, null, "is not valid UTF-8");
                    } else {
                        try {
                            measurements.add(decoder.decode(row));
                        } catch (RowFault fault) {
                            rejection = fault.at(fileName, line);
                        }
                    }
                }
                if (rejection != null) {
                    if (readMode == ReadMode.STRICT) {
                        throw new MeasurementFormatException(rejection);
                    }
                    rejections.add(rejection);
                }
            }
            if (header == null) {
                throw empty(fileName);
            }
        }
        LOG.debug("{}: {} kernel measurements ({}), {} rejected rows", fileName, measurements.size(), format,
                rejections.size());
        return new KernelReadResult(format, measurements, rejections);
    }

    private static KernelRowDecoder decoder(KernelFileFormat format, List<String> header, HardwareCatalog catalog,
                                            String fileName, long line) throws MeasurementFormatException {
        KernelRowDecoder decoder;
        try {
            decoder = KernelRowDecoder.of(format, header, catalog, fileName);
        } catch (RowFault fault) {
            throw new MeasurementFormatException(fault.at(fileName, line));
        }
        List<String> missing = decoder.requiredColumns().stream().filter(c -> !header.contains(c))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new MeasurementFormatException(new RowRejection(fileName, line, "", null,
                    "header is missing required " + format.id() + " columns " + missing));
        }
        return decoder;
    }

    private static MeasurementFormatException empty(String fileName) {
        return new MeasurementFormatException(new RowRejection(fileName, 1, "", null,
                "is empty: expected a kernel file's header line"));
    }
    /**
     * Writes the measurements as {@code kernels-v1} CSV (UTF-8, not gzipped), replacing the file.
     *
     * @param file the file to write
     * @param rows the measurements, written in this order
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, List<KernelMeasurement> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, rows);
        }
    }

    /**
     * Writes the measurements as {@code kernels-v1} CSV: the schema's columns in reference order, then every
     * extra column seen in the rows (first seen first). Does not close the writer.
     *
     * @param out  where the CSV text goes; flushed at the end
     * @param rows the measurements, written in this order
     * @throws IOException when the writer fails
     */
    public static void write(Writer out, List<KernelMeasurement> rows) throws IOException {
        Objects.requireNonNull(out, "out");
        List<Map<String, String>> encoded = rows.stream().map(KernelsV1Rows::encode).collect(Collectors.toList());
        Set<String> columns = new LinkedHashSet<>(KernelsV1Rows.COLUMNS);
        for (Map<String, String> cells : encoded) {
            columns.addAll(cells.keySet());
        }
        List<String> header = List.copyOf(columns);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
        try (SequenceWriter w = CSV.writer(CsvSchema.emptySchema().withoutHeader().withLineSeparator("\n"))
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out)) {
            w.write(header.toArray(new String[0]));
            for (Map<String, String> cells : encoded) {
                String[] line = new String[header.size()];
                java.util.Arrays.fill(line, "");
                for (Map.Entry<String, String> e : cells.entrySet()) {
                    line[index.get(e.getKey())] = e.getValue();
                }
                w.write(line);
            }
        }
        out.flush();
    }
}
