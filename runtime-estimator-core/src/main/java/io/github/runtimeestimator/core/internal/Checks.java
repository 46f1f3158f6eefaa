package io.github.runtimeestimator.core.internal;

import io.github.runtimeestimator.core.SpecValidationException;

/**
 * Validation at the edge, in one place: each check throws a {@link SpecValidationException} naming the
 * field, the value and the rule. Used by every value type of the library.
 */
public final class Checks {
    private Checks() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new SpecValidationException(field, null, "is required");
        }
        return value;
    }

    public static String requiredText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new SpecValidationException(field, value, "is required and must not be blank");
        }
        return value;
    }

    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new SpecValidationException(field, value, "must be >= " + min);
        }
        return value;
    }

    public static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new SpecValidationException(field, value, "must be >= " + min);
        }
        return value;
    }

    /** Finite and strictly positive: FLOPs, bandwidths, memory sizes, seconds that must exist. */
    public static double positive(String field, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new SpecValidationException(field, value, "must be a finite number > 0");
        }
        return value;
    }

    /** Finite and zero or more: learning rates, optional seconds. */
    public static double nonNegative(String field, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new SpecValidationException(field, value, "must be a finite number >= 0");
        }
        return value;
    }

    /** Either NaN (meaning "not known") or finite and zero or more. */
    public static double nonNegativeOrUnknown(String field, double value) {
        if (Double.isNaN(value)) {
            return value;
        }
        return nonNegative(field, value);
    }
}
