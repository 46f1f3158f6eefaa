package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.Checks;

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

    public EpochOverhead {
        Checks.nonNegative("epochOverhead.perStepFraction", perStepFraction);
        Checks.nonNegative("epochOverhead.perEpochSeconds", perEpochSeconds);
        Checks.atLeast("epochOverhead.rows", rows, 0);
        Checks.nonNegative("epochOverhead.medianApe", medianApe);
    }

    /** No measured overhead: an epoch is exactly its steps. */
    public static EpochOverhead none() {
        return new EpochOverhead(0, 0, 0, 0);
    }

    /** Seconds of an epoch of {@code steps} steps of {@code stepSeconds} each. */
    public double epochSeconds(long steps, double stepSeconds) {
        return steps * stepSeconds * (1 + perStepFraction) + perEpochSeconds;
    }

    /**
     * Fits the overhead on measured epochs: {@code perStepFraction} is the median of
     * {@code measured / (steps * predicted step) - 1} over the rows, floored at 0; no fixed term.
     *
     * @param epochSeconds    measured epoch times
     * @param steps           steps of each epoch
     * @param stepSeconds     the step estimator's prediction of one step of each epoch
     */
    static EpochOverhead fit(double[] epochSeconds, long[] steps, double[] stepSeconds) {
        int n = epochSeconds.length;
        if (n == 0) {
            return none();
        }
        double[] excess = new double[n];
        for (int i = 0; i < n; i++) {
            excess[i] = epochSeconds[i] / (steps[i] * stepSeconds[i]) - 1;
        }
        double fraction = Math.max(0, Stats.quantile(excess, 0.5));
        EpochOverhead fitted = new EpochOverhead(fraction, 0, n, 0);
        double[] ape = new double[n];
        for (int i = 0; i < n; i++) {
            ape[i] = Math.abs(fitted.epochSeconds(steps[i], stepSeconds[i]) - epochSeconds[i]) / epochSeconds[i];
        }
        return new EpochOverhead(fraction, 0, n, Stats.quantile(ape, 0.5));
    }
}
