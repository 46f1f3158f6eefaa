package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.RuntimeEstimatorException;
import java.util.Objects;

/**
 * A measurement file could not be read as schema v1: a missing header column, a malformed line, or (in
 * {@link ReadMode#STRICT}) the first row that broke a rule. The message is the {@link RowRejection}'s text;
 * {@link #field()} is its column (null when the line as a whole is at fault) and {@link #rule()} its reason.
 * Unchecked, like every {@link RuntimeEstimatorException}; the readers still throw {@link java.io.IOException} when
 * the file itself cannot be read.
 */
public class MeasurementFormatException extends RuntimeEstimatorException {
    private static final long serialVersionUID = 1L;

    private final transient RowRejection rejection;

    /**
     * A fault described by {@code rejection}.
     *
     * @param rejection file, line, column, value and rule of the fault; not null
     */
    public MeasurementFormatException(RowRejection rejection) {
        this(rejection, null);
    }

    /**
     * A fault described by {@code rejection}, caused by {@code cause}.
     *
     * @param rejection file, line, column, value and rule of the fault; not null
     * @param cause     the error that revealed it (a CSV or JSON parser's), or null
     */
    public MeasurementFormatException(RowRejection rejection, Throwable cause) {
        super(Objects.requireNonNull(rejection, "rejection").toString(),
                rejection.column().isEmpty() ? null : rejection.column(), rejection.reason(), cause);
        this.rejection = rejection;
    }

    /**
     * File, line, column, value and rule of the fault.
     *
     * @return the rejection; null after deserialization, as it is not serialized
     */
    public RowRejection rejection() {
        return rejection;
    }
}
