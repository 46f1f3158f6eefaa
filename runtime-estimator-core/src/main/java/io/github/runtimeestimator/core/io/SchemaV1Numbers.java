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
     * Text that parses back to exactly {@code v}, in the style Python's {@code repr} (the collector) writes:
     * integral values without a fraction ({@code 23027253248}); others with the digits of
     * {@link Double#toString(double)}, plain when the decimal exponent is in [-4, 16) ({@code 0.0003}) and
     * otherwise as {@code 6.08855e-05}; NaN is the empty cell.
     */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0 && 1 / v < 0) {
            return "-0.0";
        }
        if (v == Math.rint(v) && Math.abs(v) < PLAIN_INTEGER_LIMIT) {
            return Long.toString((long) v);
        }
        BigDecimal digits = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = digits.precision() - digits.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            return digits.toPlainString();
        }
        String unscaled = digits.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
            sb.append('-');
        }
        sb.append(unscaled.charAt(0));
        if (unscaled.length() > 1) {
            sb.append('.').append(unscaled, 1, unscaled.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            sb.append('0');
        }
        return sb.append(abs).toString();
    }
}
