package io.github.runtimeestimator.core;

import java.util.Objects;

/**
 * A value handed to the library broke a rule. The message always names the field, the offending value
 * and the rule, for example {@code batchSize = -1: must be >= 1}, so a caller can fix the input without
 * reading our source. A value that is absent is reported as missing ({@code model: missing, is required}),
 * never as {@code = null}, {@code = 0} or {@code = NaN}.
 */
public class SpecValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;
    private final String rule;

    public SpecValidationException(String field, Object value, String rule) {
        super(value == null ? field + ": missing, " + rule : field + " = " + render(value) + ": " + rule);
        this.field = Objects.requireNonNull(field, "field");
        this.value = value == null ? null : render(value);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    private static String render(Object value) {
        if (value instanceof CharSequence) {
            return "\"" + value + "\"";
        }
        return String.valueOf(value);
    }

    /** The field that failed, as it is named in Java and in JSON ({@code job.batchSize}). */
    public String field() {
        return field;
    }

    /** The offending value as text ({@code null} when it was missing). */
    public String value() {
        return value;
    }

    /** The rule that the value broke ({@code must be >= 1}). */
    public String rule() {
        return rule;
    }
}
