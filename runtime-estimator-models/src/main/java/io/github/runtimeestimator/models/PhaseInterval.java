package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A prediction interval of one phase as log residuals {@code log(measured / predicted)} on held-out rows: an
 * estimate {@code s} gets bounds {@code s * exp(lowerLogResidual)} and {@code s * exp(upperLogResidual)}.
 * {@code lowerLogResidual <= 0 <= upperLogResidual}, so the bounds always contain the estimate.
 *
 * @param lowerLogResidual the lower quantile of the held-out log residuals, at most 0
 * @param upperLogResidual the upper quantile, at least 0
 * @param rows             held-out rows the quantiles come from
 * @param coverage         share of those rows whose measurement fell inside their interval
 */
public record PhaseInterval(@JsonProperty("lowerLogResidual") double lowerLogResidual,
                            @JsonProperty("upperLogResidual") double upperLogResidual,
                            @JsonProperty("rows") int rows,
                            @JsonProperty("coverage") double coverage) {

    /**
     * Validates the bounds; fails with an IllegalArgumentException unless both are finite and
     * {@code lowerLogResidual <= 0 <= upperLogResidual}.
     *
     * @param lowerLogResidual the lower quantile of the held-out log residuals, at most 0
     * @param upperLogResidual the upper quantile, at least 0
     * @param rows             held-out rows the quantiles come from
     * @param coverage         share of those rows whose measurement fell inside their interval
     */
    public PhaseInterval {
        if (!(lowerLogResidual <= 0) || !(upperLogResidual >= 0) || Double.isInfinite(lowerLogResidual)
                || Double.isInfinite(upperLogResidual)) {
            throw new IllegalArgumentException("interval [" + lowerLogResidual + ", " + upperLogResidual
                    + "] must be finite and contain 0");
        }
    }

    /**
     * A zero-width interval: no held-out data to state one.
     *
     * @return the zero-width interval
     */
    public static PhaseInterval none() {
        return new PhaseInterval(0, 0, 0, 0);
    }

    /**
     * The lower bound of an estimate, never above it.
     *
     * @param seconds the estimate, in seconds
     * @return {@code seconds * exp(lowerLogResidual)}, at most {@code seconds}
     */
    public double lowerSeconds(double seconds) {
        return Math.min(seconds, seconds * Math.exp(lowerLogResidual));
    }

    /**
     * The upper bound of an estimate, never below it.
     *
     * @param seconds the estimate, in seconds
     * @return {@code seconds * exp(upperLogResidual)}, at least {@code seconds}
     */
    public double upperSeconds(double seconds) {
        return Math.max(seconds, seconds * Math.exp(upperLogResidual));
    }
}
