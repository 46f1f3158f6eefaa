package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Locale;

/**
 * How a provider turns a run's wall time into billed time: in increments of {@code incrementSeconds} (1 per second,
 * 60 per minute, 3600 per hour, {@code N x 3600} for blocks of N hours), never less than {@code minimumSeconds}.
 *
 * <p>{@code billedSeconds(t) = max(minimumSeconds, ceil(t / incrementSeconds) x incrementSeconds)}: a 61-minute run
 * billed per hour costs 2 hours; a 20-second run billed per second with a one-minute minimum costs 60 seconds.
 *
 * @param incrementSeconds the billing granularity in whole seconds, at least 1
 * @param minimumSeconds   the least billed per run, in whole seconds, at least 0
 * @param source           where the billing rule was read (a provider's page), "" when not given
 */
public record Billing(long incrementSeconds, long minimumSeconds, String source) {

    /** Per second, no minimum: what an offer that states no billing rule is billed by. */
    public static final Billing PER_SECOND = new Billing(1, 0, "");

    /**
     * Validates the increment (at least 1) and the minimum (at least 0); fails with a SpecValidationException
     * naming the field. A null {@code source} becomes "".
     *
     * @param incrementSeconds the billing granularity in whole seconds, at least 1
     * @param minimumSeconds   the least billed per run, in whole seconds, at least 0
     * @param source           where the billing rule was read, null or "" when not given
     */
    public Billing {
        Checks.atLeast("billingIncrementSeconds", incrementSeconds, 1L);
        Checks.atLeast("minimumBilledSeconds", minimumSeconds, 0L);
        source = source == null ? "" : source;
    }

    /**
     * Per second with a minimum ({@code 60}: AWS, Google Cloud and Azure Linux VMs).
     *
     * @param minimumSeconds the least billed per run, in whole seconds, at least 0
     * @param source         where the billing rule was read, "" or null when not given
     * @return the billing rule
     */
    public static Billing perSecond(long minimumSeconds, String source) {
        return new Billing(1, minimumSeconds, source);
    }

    /**
     * Per started minute, no minimum.
     *
     * @param source where the billing rule was read, "" or null when not given
     * @return the billing rule
     */
    public static Billing perMinute(String source) {
        return new Billing(60, 0, source);
    }

    /**
     * Per started hour, one hour at least.
     *
     * @param source where the billing rule was read, "" or null when not given
     * @return the billing rule
     */
    public static Billing perHour(String source) {
        return new Billing(3600, 3600, source);
    }

    /**
     * In blocks of {@code hours} hours (a reservation of whole blocks), one block at least.
     *
     * @param hours  the length of one block, in hours, at least 1 (else a SpecValidationException)
     * @param source where the billing rule was read, "" or null when not given
     * @return the billing rule
     */
    public static Billing blocksOfHours(int hours, String source) {
        if (hours < 1) {
            throw new SpecValidationException("billingIncrementSeconds", hours + "h", "blocks must be at least 1 hour");
        }
        long s = hours * 3600L;
        return new Billing(s, s, source);
    }

    /**
     * The seconds billed for a run of {@code seconds}: rounded up to whole increments, at least the minimum.
     * NaN or infinite stays so (an unknown or unbounded time has an unknown cost).
     *
     * @param seconds the run's wall time, in seconds
     * @return the billed time, in seconds
     */
    public double billedSeconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return seconds;
        }
        double increments = Math.ceil(seconds / incrementSeconds);
        // a time that is a whole number of increments up to rounding error is not rounded up a whole increment
        if (increments > 0 && (increments - 1) * incrementSeconds >= seconds * (1 - 1e-12)) {
            increments -= 1;
        }
        return Math.max(minimumSeconds, increments * incrementSeconds);
    }

    /**
     * The rule in words: {@code per second, 60 s minimum}, {@code per hour}, {@code blocks of 24 h},
     * {@code per 15 min}.
     *
     * @return the increment, with the minimum when it is above 0 and differs from the increment
     */
    public String describe() {
        String unit;
        if (incrementSeconds == 1) {
            unit = "per second";
        } else if (incrementSeconds == 60) {
            unit = "per minute";
        } else if (incrementSeconds == 3600) {
            unit = "per hour";
        } else if (incrementSeconds % 3600 == 0) {
            unit = "blocks of " + incrementSeconds / 3600 + " h";
        } else if (incrementSeconds % 60 == 0) {
            unit = "per " + incrementSeconds / 60 + " min";
        } else {
            unit = "per " + incrementSeconds + " s";
        }
        if (minimumSeconds > incrementSeconds) {
            unit += ", " + Durations.format(java.time.Duration.ofSeconds(minimumSeconds)) + " minimum";
        } else if (minimumSeconds > 0 && minimumSeconds < incrementSeconds) {
            unit += String.format(Locale.ROOT, ", %d s minimum", minimumSeconds);
        }
        return unit;
    }
}
