package io.github.runtimeestimator.core;

import java.util.Objects;

/**
 * A value handed to the library broke a rule. The message always names the field, the offending value
 * and the rule, for example {@code batchSize = -1: must be >= 1}, so a caller can fix the input without
 * reading our source. A value that is absent is reported as missing ({@code model: missing, is required}),
 * never as {@code = null}, {@code = 0} or {@code = NaN}. {@link #field()} (as it is named in Java and in JSON,
 * {@code job.batchSize}) and {@link #rule()} are never null here.
 */
public class SpecValidationException extends RuntimeEstimatorException {
    private static final long serialVersionUID = 1L;

    private final String value;

    public SpecValidationException(String field, Object value, String rule) {
        super((value == null ? Objects.requireNonNull(field, "field") + ": missing, "
                : field + " = " + render(value) + ": ") + Objects.requireNonNull(rule, "rule"), field, rule, null);
        this.value = value == null ? null : render(value);
    }

    private static String render(Object value) {
        if (value instanceof CharSequence) {
            return "\"" + value + "\"";
        }
        return String.valueOf(value);
    }

    /** The offending value as text ({@code null} when it was missing). */
    public String value() {
        return value;
    }
}
