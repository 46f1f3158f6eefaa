package io.github.runtimeestimator.core.io;

/** One cell (or the row's shape) broke a rule; turned into a {@link RowRejection} by the reader. */
final class RowFault extends Exception {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final String value;
    private final String reason;

    RowFault(String column, String value, String reason) {
        super(column + " = " + value + ": " + reason, null, false, false);
        this.column = column;
        this.value = value;
        this.reason = reason;
    }

    RowRejection at(String file, long line) {
        return new RowRejection(file, line, column, value, reason);
    }
}
