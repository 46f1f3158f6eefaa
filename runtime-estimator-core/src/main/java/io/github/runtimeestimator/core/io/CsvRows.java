package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.runtimeestimator.core.internal.JsonMappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the measurement and kernel CSV readers share: the CSV configuration, reading a row's cells with the line it
 * starts on, malformed CSV as a rejection naming file and line, and a header's column names.
 */
final class CsvRows {
    /** Rows as arrays of cells, empty lines skipped; writes quote only what needs it. */
    static final CsvMapper MAPPER = JsonMappers.csvRows();

    private CsvRows() {
    }

    /** The next token; malformed CSV fails naming the file and line. */
    static JsonToken nextToken(CsvParser p, String fileName) throws IOException {
        try {
            return p.nextToken();
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new MeasurementFormatException(
                    new RowRejection(fileName, line, "", null, "malformed CSV: " + e.getOriginalMessage()), e);
        }
    }

    /**
     * Reads one row's cells; returns the line it starts on. That is the location of its first cell: the
     * parser reports a row's START_ARRAY at the end of the row before, and a quoted cell may span lines.
     */
    static long readRow(CsvParser p, List<String> cells, String fileName) throws IOException {
        cells.clear();
        long line = -1;
        JsonToken t;
        while ((t = nextToken(p, fileName)) != JsonToken.END_ARRAY && t != null) {
            if (line < 0) {
                JsonLocation at = p.currentTokenLocation();
                line = at.getLineNr();
            }
            cells.add(p.getText());
        }
        return line;
    }

    /** A header row's column names, trimmed, a leading byte-order mark dropped; a name given twice fails. */
    static List<String> columnNames(List<String> cells, String fileName, long line) throws MeasurementFormatException {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!seen.add(name)) {
                throw new MeasurementFormatException(new RowRejection(fileName, line, name, null,
                        "appears twice in the header"));
            }
            names.add(name);
        }
        return names;
    }
}
