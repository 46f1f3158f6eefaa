package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.internal.Stats;

/**
 * How close predictions came to measured times over a set of rows.
 *
 * @param rows             rows scored
 * @param medianApe        median of |predicted - measured| / measured
 * @param within25Percent  share of rows with an absolute percentage error of at most 25%
 * @param medianLogRatio   median of ln(predicted / measured): the bias (positive: over-predicted)
 */
public record AccuracyScore(int rows, double medianApe, double within25Percent, double medianLogRatio) {

    /**
     * Scores predictions against measurements, row by row.
     *
     * @param predicted predicted times, in seconds
     * @param measured  measured times, in seconds, one per prediction
     * @return the score; with no rows, 0 rows and NaN figures
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static AccuracyScore of(double[] predicted, double[] measured) {
        if (predicted.length != measured.length) {
            throw new IllegalArgumentException("predicted: " + predicted.length + " values for " + measured.length
                    + " measurements");
        }
        int n = measured.length;
        if (n == 0) {
            return new AccuracyScore(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] ape = new double[n];
        double[] log = new double[n];
        int within = 0;
        for (int i = 0; i < n; i++) {
            ape[i] = Math.abs(predicted[i] - measured[i]) / measured[i];
            log[i] = Math.log(predicted[i] / measured[i]);
            if (ape[i] <= 0.25) {
                within++;
            }
        }
        return new AccuracyScore(n, Stats.median(ape), (double) within / n, Stats.median(log));
    }

}
