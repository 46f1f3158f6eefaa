package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.RuntimeEstimatorException;

/**
 * A JSON spec could not be read: malformed JSON, an unknown property, a value of the wrong type, or a value
 * that breaks a rule of the spec types. The message starts with the JSON path of the fault ({@code $.job.batchSize})
 * and, for rule violations, carries the {@link io.github.runtimeestimator.core.SpecValidationException} text
 * (field, value and rule), then the line and column where the parser stood.
 *
 * <p>{@link #field()} is the spec field at fault ({@code job.batchSize}; the JSON path when no rule of the spec
 * types was involved) and {@link #rule()} the rule it broke, when one was.
 *
 * <p>Unchecked (a {@link RuntimeEstimatorException}, like {@code SpecValidationException}): a bad spec is bad
 * input handed to the library, and reading one from a string involves no I/O. Reading from a {@code Path} may
 * additionally throw {@link java.io.IOException} for the file itself.
 */
public class SpecFormatException extends RuntimeEstimatorException {
    private static final long serialVersionUID = 1L;

    /** JSON path of the fault; {@code $} for the whole document. */
    private final String path;
    /** 1-based line where the parser stood, or -1 if unknown. */
    private final long line;
    /** 1-based column where the parser stood, or -1 if unknown. */
    private final long column;

    /**
     * A fault at {@code path}. {@link #field()} and {@link #rule()} are taken from {@code cause} when it is a
     * {@link RuntimeEstimatorException} (its field, when it has one, else {@code path}); otherwise the field is
     * {@code path} and there is no rule.
     *
     * @param message the whole message, path first
     * @param path    JSON path of the fault ({@code $.job.batchSize}); {@code $} for the whole document
     * @param line    1-based line where the parser stood, or -1 if unknown
     * @param column  1-based column where the parser stood, or -1 if unknown
     * @param cause   the parser's or validator's exception, or null
     */
    public SpecFormatException(String message, String path, long line, long column, Throwable cause) {
        super(message, cause instanceof RuntimeEstimatorException r && r.field() != null ? r.field() : path,
                cause instanceof RuntimeEstimatorException r ? r.rule() : null, cause);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /**
     * JSON path of the fault ({@code $.job.batchSize}); {@code $} for the whole document.
     *
     * @return the JSON path
     */
    public String path() {
        return path;
    }

    /**
     * 1-based line where the parser stood, or -1 if unknown.
     *
     * @return the line, or -1
     */
    public long line() {
        return line;
    }

    /**
     * 1-based column where the parser stood, or -1 if unknown.
     *
     * @return the column, or -1
     */
    public long column() {
        return column;
    }
}
