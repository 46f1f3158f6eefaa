package io.github.runtimeestimator.core;

/**
 * The root of every exception the library throws on purpose: something handed to it (a spec, a measurement file,
 * an estimator artifact, a catalogue, the arrays of a compiled model) breaks a rule. One small unchecked
 * hierarchy, so that an embedding service catches one type and answers with the field and the rule as data:
 *
 * <ul>
 *   <li>{@link SpecValidationException}: a value breaks a rule of the spec types (also
 *       {@code UnknownHardwareException}, {@code UnknownModelException}, {@code MemoryEstimator.TooLargeException});
 *   <li>{@code io.SpecFormatException}: a JSON spec cannot be read (malformed, unknown property, wrong type);
 *   <li>{@code io.MeasurementFormatException}: a measurement file cannot be read as schema v1;
 *   <li>{@code models.ArtifactFormatException}: an estimator artifact ({@code .rte}) cannot be used (an
 *       internal {@code InvalidModelException}, when a compiled evaluator's arrays are inconsistent, reaches a
 *       caller inside one).
 * </ul>
 *
 * <p>It is an {@link IllegalArgumentException}: in every case the caller handed the library input it cannot use,
 * and code written against the JDK's convention keeps working. Failures of the file system itself stay
 * {@link java.io.IOException}s.
 */
public abstract class RuntimeEstimatorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The field at fault, or null when the input as a whole is. */
    private final String field;
    /** The rule that was broken, or null when the message alone says it. */
    private final String rule;

    /**
     * @param message the whole message: field, value and rule, and where they were found
     * @param field   the field at fault, or null when the input as a whole is
     * @param rule    the rule that was broken, or null when the message alone says it
     * @param cause   the underlying failure, or null
     */
    protected RuntimeEstimatorException(String message, String field, String rule, Throwable cause) {
        super(message, cause);
        this.field = field;
        this.rule = rule;
    }

    /**
     * The field at fault ({@code job.batchSize}, {@code regressors[0].trees}), or null when the input as a whole is.
     *
     * @return the field, or null
     */
    public String field() {
        return field;
    }

    /**
     * The rule the input broke ({@code must be >= 1}), or null when only the message says it.
     *
     * @return the rule, or null
     */
    public String rule() {
        return rule;
    }
}
