package io.github.runtimeestimator.core.io;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsing and printing of schema-v1 number cells, so that a written value reads back as the same number. */
final class SchemaV1Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Largest magnitude printed as a plain integer; above it doubles are no longer all integers anyway. */
    private static final double PLAIN_INTEGER_LIMIT = 1e15;

    private SchemaV1Numbers() {
    }

    /** A decimal cell: plain or exponent notation, or nan / inf / infinity (any case, as Python writes them). */
    static double parseDouble(String column, String cell) throws RowFault {
        String s = cell.trim();
        if (DECIMAL.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan":
            case "+nan":
            case "-nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                throw new RowFault(column, cell, "is not a number");
        }
    }

    /** An integer cell; {@code 64}, {@code 64.0} and {@code 6.4e1} are all 64, {@code 64.5} is refused. */
    static long parseLong(String column, String cell) throws RowFault {
        String s = cell.trim();
        if (!DECIMAL.matcher(s).matches()) {
            throw new RowFault(column, cell, "is not a whole number");
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException notPlain) {
            try {
                return new BigDecimal(s).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw new RowFault(column, cell, "is not a whole number within range");
            }
        }
    }

    static int parseInt(String column, String cell) throws RowFault {
        long v = parseLong(column, cell);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new RowFault(column, cell, "is out of range (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    /**
     * The shortest text that parses back to exactly {@code v}: integral values without a fraction
     * ({@code 23027253248}), others as {@link Double#toString(double)}; NaN is the empty cell.
     */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == 0 && 1 / v < 0) {
            return "-0.0";
        }
        if (v == Math.rint(v) && Math.abs(v) < PLAIN_INTEGER_LIMIT) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
