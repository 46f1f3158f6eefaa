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

    /** The offending value as text, or null when it was missing. */
    private final String value;

    /**
     * A value of {@code field} that breaks {@code rule}; the message is {@code field = value: rule}, or
     * {@code field: missing, rule} when the value is null. Text values are quoted.
     *
     * @param field the field at fault, as named in Java and JSON ({@code job.batchSize}); not null
     * @param value the offending value, or null when it is missing
     * @param rule  the rule it breaks ({@code must be >= 1}); not null
     * @throws NullPointerException when {@code rule} is null, or {@code field} is null for a missing value
     */
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

    /**
     * The offending value as text ({@code null} when it was missing).
     *
     * @return the value, or null
     */
    public String value() {
        return value;
    }
}
