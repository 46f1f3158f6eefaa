package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.internal.Stats;
import io.github.runtimeestimator.models.internal.ErrorSummary;
import java.util.List;

/**
 * Accuracy of predicted against measured wall times. Ratios are fractions ({@code 0.12} = 12%); a metric that
 * cannot be computed (no rows, or R^2 on constant targets) is {@code NaN}.
 *
 * @param rows        predictions scored
 * @param maeSeconds  mean absolute error in seconds
 * @param rmseSeconds root mean squared error in seconds
 * @param mape        mean absolute percentage error: mean of |predicted - measured| / measured
 * @param medianApe   median of the same ratios
 * @param within10pct share of predictions whose absolute percentage error is at most 0.10
 * @param within25pct share of predictions whose absolute percentage error is at most 0.25
 * @param r2LogTime   coefficient of determination of ln(predicted) against ln(measured)
 * @param intervalCoverage share of measured times inside the predicted [lower, upper] interval; NaN when the
 *                    metrics were computed from point values alone
 */
public record Metrics(int rows, double maeSeconds, double rmseSeconds, double mape, double medianApe,
                      double within10pct, double within25pct, double r2LogTime, double intervalCoverage) {

    /** Predictions below this are floored for the logarithm (an estimator may answer 0 s). */
    public static final double LOG_FLOOR_SECONDS = 1e-9;

    /** The metrics of no predictions: 0 rows, every figure NaN. */
    public static final Metrics EMPTY = new Metrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);

    /**
     * The metrics of these predictions, with the interval coverage when there is at least one.
     *
     * @param predictions the predictions, each with its measured time
     * @return the metrics; {@link #EMPTY} when there are none
     */
    public static Metrics of(List<Prediction> predictions) {
        double[] measured = new double[predictions.size()];
        double[] predicted = new double[predictions.size()];
        int inside = 0;
        for (int i = 0; i < measured.length; i++) {
            measured[i] = predictions.get(i).measuredSeconds();
            predicted[i] = predictions.get(i).predictedSeconds();
            inside += predictions.get(i).withinInterval() ? 1 : 0;
        }
        Metrics m = of(measured, predicted);
        return measured.length == 0 ? m : m.withIntervalCoverage((double) inside / measured.length);
    }

    /**
     * These metrics with the share of measured times that fell inside the predicted interval.
     *
     * @param coverage the share of measured times inside the interval
     * @return a copy with {@code intervalCoverage} set
     */
    public Metrics withIntervalCoverage(double coverage) {
        return new Metrics(rows, maeSeconds, rmseSeconds, mape, medianApe, within10pct, within25pct, r2LogTime,
                coverage);
    }

    /**
     * The metrics of {@code predicted[i]} against {@code measured[i]}.
     *
     * @param measured  measured seconds
     * @param predicted predicted seconds, in the same order
     * @return the metrics, without interval coverage (NaN); {@link #EMPTY} when both arrays are empty
     * @throws IllegalArgumentException when the arrays differ in length or a measured time is not finite and > 0
     */
    public static Metrics of(double[] measured, double[] predicted) {
        if (measured.length == 0 && predicted.length == 0) {
            return EMPTY;
        }
        ErrorSummary e = ErrorSummary.of(measured, predicted);
        return new Metrics(e.rows(), e.maeSeconds(), e.rmseSeconds(), e.mape(), e.medianApe(), e.within10(),
                e.within25(), r2LogTime(measured, predicted), Double.NaN);
    }

    /**
     * Mean of |ln(predicted) - ln(measured)|: the error a log-time fit minimises, used by feature importance.
     * Times below {@link #LOG_FLOOR_SECONDS} are floored before the logarithm.
     *
     * @param measured  measured seconds
     * @param predicted predicted seconds, in the same order
     * @return the mean absolute log error; NaN when there are no rows
     */
    public static double maeLogTime(double[] measured, double[] predicted) {
        if (measured.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < measured.length; i++) {
            sum += Math.abs(log(predicted[i]) - log(measured[i]));
        }
        return sum / measured.length;
    }

    /**
     * Median of |predicted - measured| / measured.
     *
     * @param measured  measured seconds
     * @param predicted predicted seconds, in the same order
     * @return the median absolute percentage error, as a fraction; NaN when there are no rows
     */
    public static double medianApe(double[] measured, double[] predicted) {
        double[] ape = new double[measured.length];
        for (int i = 0; i < ape.length; i++) {
            ape[i] = Math.abs(predicted[i] - measured[i]) / measured[i];
        }
        return Stats.median(ape);
    }

    private static double r2LogTime(double[] measured, double[] predicted) {
        int n = measured.length;
        double meanLog = 0;
        for (double m : measured) {
            meanLog += log(m);
        }
        meanLog /= n;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            double y = log(measured[i]);
            double d = y - log(predicted[i]);
            ssRes += d * d;
            ssTot += (y - meanLog) * (y - meanLog);
        }
        return ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
    }

    private static double log(double seconds) {
        return Math.log(Math.max(seconds, LOG_FLOOR_SECONDS));
    }

}
