package io.github.runtimeestimator.core.io;

import java.util.Objects;

/**
 * A row of a measurement file that did not become a measurement, and why.
 *
 * <p>{@link #toString()} reads like a compiler message: {@code h100.csv:17: column batch_size = "-3": must be >= 1}.
 *
 * @param file   the file name the row came from (as given to the reader)
 * @param line   1-based line in the file where the row starts (a CSV header is line 1)
 * @param column the schema-v1 column (CSV) or key (JSON lines) at fault; empty when the fault is the row's shape
 * @param value  the offending cell as written, or null when there is none to show
 * @param reason the rule it broke ({@code must be >= 1})
 */
public record RowRejection(String file, long line, String column, String value, String reason) {

    /**
     * Reads a null {@code file} or {@code column} as empty; {@code reason} must not be null.
     *
     * @param file   the file name the row came from; null reads as empty
     * @param line   1-based line in the file where the row starts
     * @param column the column or key at fault; null or empty when the fault is the row's shape
     * @param value  the offending cell as written, or null
     * @param reason the rule it broke; not null
     */
    public RowRejection {
        file = file == null ? "" : file;
        column = column == null ? "" : column;
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(':').append(line).append(": ");
        if (!column.isEmpty()) {
            sb.append("column ").append(column);
            if (value != null) {
                sb.append(" = \"").append(value).append('"');
            }
            sb.append(": ");
        }
        return sb.append(reason).toString();
    }
}
