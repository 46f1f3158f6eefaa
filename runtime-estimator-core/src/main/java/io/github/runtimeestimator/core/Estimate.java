package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A predicted runtime with its bounds.
 *
 * @param seconds        the point estimate of the whole job (one batch, one step, one epoch or the whole job)
 * @param lowerSeconds   lower bound of the interval
 * @param upperSeconds   upper bound of the interval
 * @param secondsPerStep the estimate of one step (or one inference batch) the job is composed of
 * @param steps          steps (or batches) in the job
 * @param coverage       the share of held-out measurements the estimator's intervals covered (0.8 = 80%),
 *                       0 when the estimator states none
 * @param estimator      which estimator made it (trainer, feature set, artifact)
 * @param raisedToPhysicalFloor true when the estimator's own answer for a step was faster than physics allows
 *                       (below the step's physical floor on its hardware) and the estimate was raised to that
 *                       floor: the estimate is then a lower limit, not a prediction. Written to JSON only when true.
 */
public record Estimate(
        @JsonProperty("seconds") double seconds,
        @JsonProperty("lowerSeconds") double lowerSeconds,
        @JsonProperty("upperSeconds") double upperSeconds,
        @JsonProperty("secondsPerStep") double secondsPerStep,
        @JsonProperty("steps") long steps,
        @JsonProperty("coverage") double coverage,
        @JsonProperty("estimator") String estimator,
        @JsonProperty("raisedToPhysicalFloor") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        boolean raisedToPhysicalFloor) {

    public Estimate {
        Checks.nonNegative("seconds", seconds);
        Checks.nonNegative("lowerSeconds", lowerSeconds);
        Checks.nonNegative("upperSeconds", upperSeconds);
        Checks.nonNegative("secondsPerStep", secondsPerStep);
        if (lowerSeconds > seconds) {
            throw new SpecValidationException("lowerSeconds", lowerSeconds, "must be <= seconds (" + seconds + ")");
        }
        if (upperSeconds < seconds) {
            throw new SpecValidationException("upperSeconds", upperSeconds, "must be >= seconds (" + seconds + ")");
        }
        Checks.atLeast("steps", steps, 1L);
        if (!(coverage >= 0 && coverage <= 1)) {
            throw new SpecValidationException("coverage", coverage, "must be within [0, 1]");
        }
        Checks.requiredText("estimator", estimator);
    }

    /** An estimate the estimator made itself (not raised to a physical floor). */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, false);
    }
}
