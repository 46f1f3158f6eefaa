package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.core.internal.Stats;

/**
 * The error arithmetic of predicted against measured seconds, in one place: the artifact's held-out figures
 * ({@code models.HeldOutMetrics}) and the evaluation harness's ({@code training.evaluation.Metrics}) are both
 * built from it, so "median APE" means the same number in a manifest, in {@code evaluate} and in {@code compare}.
 * Ratios are fractions; an APE of exactly 0.10 counts as within 10%.
 *
 * @param rows        rows scored
 * @param maeSeconds  mean absolute error, seconds
 * @param rmseSeconds root mean squared error, seconds
 * @param mape        mean of |predicted - measured| / measured
 * @param medianApe   median of the same ratios ({@link Stats#median})
 * @param within10    share of rows whose ratio is at most 0.10
 * @param within25    share of rows whose ratio is at most 0.25
 */
public record ErrorSummary(int rows, double maeSeconds, double rmseSeconds, double mape, double medianApe,
                           double within10, double within25) {

    /**
     * The errors of {@code predicted[i]} against {@code measured[i]}; every figure is NaN when there are no rows.
     *
     * @throws IllegalArgumentException when the arrays differ in length or a measured time is not finite and &gt; 0
     */
    public static ErrorSummary of(double[] measured, double[] predicted) {
        if (measured.length != predicted.length) {
            throw new IllegalArgumentException("measured (" + measured.length + ") and predicted ("
                    + predicted.length + ") differ in length");
        }
        int n = measured.length;
        if (n == 0) {
            return new ErrorSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double absSum = 0;
        double sqSum = 0;
        double[] ape = new double[n];
        int within10 = 0;
        int within25 = 0;
        for (int i = 0; i < n; i++) {
            double m = measured[i];
            if (!Double.isFinite(m) || m <= 0) {
                throw new IllegalArgumentException("measured[" + i + "] = " + m + ": must be a finite number > 0");
            }
            double err = predicted[i] - m;
            absSum += Math.abs(err);
            sqSum += err * err;
            ape[i] = Math.abs(err) / m;
            within10 += ape[i] <= 0.10 ? 1 : 0;
            within25 += ape[i] <= 0.25 ? 1 : 0;
        }
        return new ErrorSummary(n, absSum / n, Math.sqrt(sqSum / n), Stats.mean(ape), Stats.median(ape),
                (double) within10 / n, (double) within25 / n);
    }
}
