package io.github.runtimeestimator.core.io;

/** How a measurement reader treats a row it cannot turn into a {@link io.github.runtimeestimator.core.Measurement}. */
public enum ReadMode {
    /** Fail on the first bad row with a {@link MeasurementFormatException} naming file, line, column and rule. */
    STRICT,
    /** Keep reading; every bad row becomes a {@link RowRejection} in the result. */
    LENIENT
}
