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

    private final String path;
    private final long line;
    private final long column;

    public SpecFormatException(String message, String path, long line, long column, Throwable cause) {
        super(message, cause instanceof RuntimeEstimatorException r && r.field() != null ? r.field() : path,
                cause instanceof RuntimeEstimatorException r ? r.rule() : null, cause);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** JSON path of the fault ({@code $.job.batchSize}); {@code $} for the whole document. */
    public String path() {
        return path;
    }

    /** 1-based line where the parser stood, or -1 if unknown. */
    public long line() {
        return line;
    }

    /** 1-based column where the parser stood, or -1 if unknown. */
    public long column() {
        return column;
    }
}
