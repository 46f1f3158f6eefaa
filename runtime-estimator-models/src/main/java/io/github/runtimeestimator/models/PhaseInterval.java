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

    public PhaseInterval {
        if (!(lowerLogResidual <= 0) || !(upperLogResidual >= 0) || Double.isInfinite(lowerLogResidual)
                || Double.isInfinite(upperLogResidual)) {
            throw new IllegalArgumentException("interval [" + lowerLogResidual + ", " + upperLogResidual
                    + "] must be finite and contain 0");
        }
    }

    /** A zero-width interval: no held-out data to state one. */
    public static PhaseInterval none() {
        return new PhaseInterval(0, 0, 0, 0);
    }

    public double lowerSeconds(double seconds) {
        return Math.min(seconds, seconds * Math.exp(lowerLogResidual));
    }

    public double upperSeconds(double seconds) {
        return Math.max(seconds, seconds * Math.exp(upperLogResidual));
    }
}
