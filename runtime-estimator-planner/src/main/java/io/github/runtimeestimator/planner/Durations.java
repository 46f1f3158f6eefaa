package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.SpecValidationException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the short durations a user types for a deadline: {@code 90s}, {@code 15m}, {@code 2h}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final String RULE = "must be a duration like 90s, 15m, 2h, 1h30m or 2d (units d, h, m, s in that"
            + " order, whole numbers) or ISO-8601 like PT1H30M";

    /** Seconds above which {@link #formatSeconds} prints an exponent rather than hours. */
    static final double LARGEST_PRINTED_AS_HOURS = 1e12;

    private Durations() {
    }

    /**
     * Parses {@code text} for the field {@code deadline}, as {@link #parse(String, String)} does.
     *
     * @param text the duration as typed
     * @return the duration
     */
    public static Duration parse(String text) {
        return parse("deadline", text);
    }

    /**
     * Parses {@code text} ({@code 90s}, {@code 15m}, {@code 2h}, {@code 1h30m}, {@code 2d}, or ISO-8601
     * {@code PT1H30M}); fails with a {@link SpecValidationException} naming {@code field}.
     *
     * @param field the field named in the exception when {@code text} is null, blank, malformed or too large
     * @param text  the duration as typed; case, surrounding blanks and spaces are ignored
     * @return the duration
     */
    public static Duration parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new SpecValidationException(field, text, RULE);
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new SpecValidationException(field, text, RULE);
            }
        }
        Matcher m = SHORT.matcher(t);
        if (!m.matches() || t.isEmpty()) {
            throw new SpecValidationException(field, text, RULE);
        }
        try {
            Duration d = Duration.ZERO;
            d = d.plusDays(part(m.group(1)));
            d = d.plusHours(part(m.group(2)));
            d = d.plusMinutes(part(m.group(3)));
            d = d.plusSeconds(part(m.group(4)));
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SpecValidationException(field, text, "is too large for a duration");
        }
    }

    private static long part(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /**
     * A duration in seconds as a double, for any duration (where {@link Duration#toMillis()} overflows above
     * 292 million years).
     *
     * @param d the duration
     * @return the duration in seconds, with its fraction of a second
     */
    public static double toSeconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /**
     * Prints a duration the way {@link #parse} reads it: {@code 1h30m}, {@code 45s}, {@code 0s}.
     *
     * @param d the duration
     * @return hours, minutes and seconds; a fraction of a second is dropped
     */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (s < 0) {
            b.append('-');
            s = -s;
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (sec > 0) {
            b.append(sec).append('s');
        }
        return b.toString();
    }

    /**
     * Prints seconds as a rounded human duration: {@code 1h30m}, {@code 12m5s}, {@code 0.42s}; beyond
     * 10<sup>12</sup> s (about 31,700 years) in exponent form, {@code 1.23e+15s}.
     *
     * @param seconds the duration, in seconds
     * @return the printed duration; {@code -} when {@code seconds} is NaN or infinite
     */
    public static String formatSeconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        if (Math.abs(seconds) > LARGEST_PRINTED_AS_HOURS) {
            return String.format(Locale.ROOT, "%.3gs", seconds);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds < 10 ? "%.2fs" : "%.0fs", seconds);
        }
        return format(Duration.ofSeconds(Math.round(seconds)));
    }
}
