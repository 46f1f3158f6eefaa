package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.SpecValidationException;

/**
 * An offer that the provider may take back at any time (spot, preemptible), at its (lower) price: interruptions
 * arrive at random, {@code interruptionsPerHour} on average (a Poisson process), and the job restarts from its last
 * checkpoint ({@link Checkpointing}).
 *
 * @param interruptionsPerHour the mean rate of interruptions per hour of running, >= 0 (0.05: one every 20 hours)
 * @param source               where the rate comes from (a provider's advisor, your own history), "" when not given
 */
public record SpotMarket(double interruptionsPerHour, String source) {

    /**
     * Validates the rate (finite, &gt;= 0); fails with a SpecValidationException naming the field. A null
     * {@code source} becomes "".
     *
     * @param interruptionsPerHour the mean rate of interruptions per hour of running, &gt;= 0
     * @param source               where the rate comes from, null or "" when not given
     */
    public SpotMarket {
        if (!(interruptionsPerHour >= 0) || !Double.isFinite(interruptionsPerHour)) {
            throw new SpecValidationException("interruptionsPerHour", interruptionsPerHour,
                    "must be a finite rate >= 0 (interruptions per hour)");
        }
        source = source == null ? "" : source;
    }

    /**
     * The rate per second.
     *
     * @return {@code interruptionsPerHour / 3600}
     */
    public double interruptionsPerSecond() {
        return interruptionsPerHour / 3600.0;
    }
}
