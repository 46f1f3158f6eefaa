package io.github.runtimeestimator.core.io;

import java.io.IOException;
import java.util.Objects;

/**
 * A measurement file could not be read as schema v1: a missing header column, a malformed line, or (in
 * {@link ReadMode#STRICT}) the first row that broke a rule. The message is the {@link RowRejection}'s text.
 */
public class MeasurementFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient RowRejection rejection;

    public MeasurementFormatException(RowRejection rejection) {
        this(rejection, null);
    }

    public MeasurementFormatException(RowRejection rejection, Throwable cause) {
        super(Objects.requireNonNull(rejection, "rejection").toString(), cause);
        this.rejection = rejection;
    }

    /** File, line, column, value and rule of the fault. */
    public RowRejection rejection() {
        return rejection;
    }
}
