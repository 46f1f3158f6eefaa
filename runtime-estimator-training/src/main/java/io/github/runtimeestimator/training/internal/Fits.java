package io.github.runtimeestimator.training.internal;

import io.github.runtimeestimator.core.internal.Stats;
import io.github.runtimeestimator.models.EpochOverhead;
import io.github.runtimeestimator.models.PhaseInterval;
import io.github.runtimeestimator.models.internal.ManifestRules;

/** What training fits besides the step regressor: the epoch overhead and the prediction intervals. */
public final class Fits {
    private Fits() {
    }

    /**
     * Fits the overhead on measured epochs: {@code perStepFraction} is the median of
     * {@code measured / (steps * predicted step) - 1} over the rows, floored at 0 and capped at
     * {@link ManifestRules#MAX_OVERHEAD_FRACTION} (what an artifact may hold); no fixed term.
     *
     * @param epochSeconds measured epoch times
     * @param steps        steps of each epoch
     * @param stepSeconds  the step estimator's prediction of one step of each epoch
     */
    public static EpochOverhead epochOverhead(double[] epochSeconds, long[] steps, double[] stepSeconds) {
        int n = epochSeconds.length;
        if (n == 0) {
            return EpochOverhead.none();
        }
        double[] excess = new double[n];
        for (int i = 0; i < n; i++) {
            excess[i] = epochSeconds[i] / (steps[i] * stepSeconds[i]) - 1;
        }
        double fraction = Math.min(ManifestRules.MAX_OVERHEAD_FRACTION, Math.max(0, Stats.quantile(excess, 0.5)));
        EpochOverhead fitted = new EpochOverhead(fraction, 0, n, 0);
        double[] ape = new double[n];
        for (int i = 0; i < n; i++) {
            ape[i] = Math.abs(fitted.epochSeconds(steps[i], stepSeconds[i]) - epochSeconds[i]) / epochSeconds[i];
        }
        return new EpochOverhead(fraction, 0, n, Stats.quantile(ape, 0.5));
    }

    /**
     * The symmetric interval {@code [-q, q]} from held-out log residuals, {@code q} the {@code coverage} quantile of
     * their absolute values, within {@link ManifestRules#MAX_ABS_LOG_RESIDUAL}: for residuals whose sign the
     * situation does not tell (a device extrapolated to lies faster or slower than those trained on, and the error
     * takes the sign of that side), so that an unbalanced mix of sides in calibration does not narrow one bound.
     */
    public static PhaseInterval symmetricInterval(double[] logResiduals, double coverage) {
        if (logResiduals.length == 0) {
            return PhaseInterval.none();
        }
        double[] magnitude = new double[logResiduals.length];
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = Math.abs(logResiduals[i]);
        }
        double q = Math.min(ManifestRules.MAX_ABS_LOG_RESIDUAL, Stats.quantile(magnitude, coverage));
        int inside = 0;
        for (double m : magnitude) {
            if (m <= q) {
                inside++;
            }
        }
        return new PhaseInterval(-q, q, magnitude.length, (double) inside / magnitude.length);
    }

    /**
     * The interval from held-out log residuals at quantiles {@code lowerP} and {@code upperP}, each within
     * {@link ManifestRules#MAX_ABS_LOG_RESIDUAL} of 0 (what an artifact may hold; wider says nothing more).
     */
    public static PhaseInterval interval(double[] logResiduals, double lowerP, double upperP) {
        if (logResiduals.length == 0) {
            return PhaseInterval.none();
        }
        double cap = ManifestRules.MAX_ABS_LOG_RESIDUAL;
        double lo = Math.max(-cap, Math.min(0, Stats.quantile(logResiduals, lowerP)));
        double hi = Math.min(cap, Math.max(0, Stats.quantile(logResiduals, upperP)));
        int inside = 0;
        for (double r : logResiduals) {
            if (r >= lo && r <= hi) {
                inside++;
            }
        }
        return new PhaseInterval(lo, hi, logResiduals.length, (double) inside / logResiduals.length);
    }
}
