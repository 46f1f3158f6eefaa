package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Checks;

/**
 * What an epoch costs beyond its steps, as the {@code train_epoch} measurements show: data loading and
 * host-to-device copies of every batch. An epoch of {@code n} steps of {@code s} seconds takes
 * {@code n * s * (1 + perStepFraction) + perEpochSeconds}.
 *
 * @param perStepFraction  overhead per step, as a share of the step's time (0.25 = a quarter more)
 * @param perEpochSeconds  fixed overhead per epoch, seconds
 * @param rows             {@code train_epoch} rows it was fitted on (0: no overhead learnt, both terms 0)
 * @param medianApe        median absolute percentage error (a fraction) of the composed epoch times on those rows
 */
public record EpochOverhead(@JsonProperty("perStepFraction") double perStepFraction,
                            @JsonProperty("perEpochSeconds") double perEpochSeconds,
                            @JsonProperty("rows") int rows,
                            @JsonProperty("medianApe") double medianApe) {

    /**
     * Validates the components; fails with a SpecValidationException naming the field.
     *
     * @param perStepFraction  overhead per step, as a share of the step's time (0.25 = a quarter more)
     * @param perEpochSeconds  fixed overhead per epoch, seconds
     * @param rows             {@code train_epoch} rows it was fitted on (0: no overhead learnt, both terms 0)
     * @param medianApe        median absolute percentage error (a fraction) of the composed epoch times on those rows
     */
    public EpochOverhead {
        Checks.nonNegative("epochOverhead.perStepFraction", perStepFraction);
        Checks.nonNegative("epochOverhead.perEpochSeconds", perEpochSeconds);
        Checks.atLeast("epochOverhead.rows", rows, 0);
        Checks.nonNegative("epochOverhead.medianApe", medianApe);
    }

    /**
     * No measured overhead: an epoch is exactly its steps.
     *
     * @return the zero overhead
     */
    public static EpochOverhead none() {
        return new EpochOverhead(0, 0, 0, 0);
    }

    /**
     * Seconds of an epoch of {@code steps} steps of {@code stepSeconds} each.
     *
     * @param steps       steps in the epoch
     * @param stepSeconds seconds of one step
     * @return the epoch's seconds, overhead included
     */
    public double epochSeconds(long steps, double stepSeconds) {
        return steps * stepSeconds * (1 + perStepFraction) + perEpochSeconds;
    }
}
