package io.github.runtimeestimator.training.evaluation;

import java.util.Arrays;
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

    public static final Metrics EMPTY = new Metrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);

    /** The metrics of these predictions. */
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

    /** These metrics with the share of measured times that fell inside the predicted interval. */
    public Metrics withIntervalCoverage(double coverage) {
        return new Metrics(rows, maeSeconds, rmseSeconds, mape, medianApe, within10pct, within25pct, r2LogTime,
                coverage);
    }

    /**
     * The metrics of {@code predicted[i]} against {@code measured[i]}.
     *
     * @throws IllegalArgumentException when the arrays differ in length or a measured time is not finite and > 0
     */
    public static Metrics of(double[] measured, double[] predicted) {
        if (measured.length != predicted.length) {
            throw new IllegalArgumentException("measured (" + measured.length + ") and predicted ("
                    + predicted.length + ") differ in length");
        }
        int n = measured.length;
        if (n == 0) {
            return EMPTY;
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
            if (ape[i] <= 0.10) {
                within10++;
            }
            if (ape[i] <= 0.25) {
                within25++;
            }
        }
        return new Metrics(n, absSum / n, Math.sqrt(sqSum / n), mean(ape), median(ape), (double) within10 / n,
                (double) within25 / n, r2LogTime(measured, predicted), Double.NaN);
    }

    /** Mean of |ln(predicted) - ln(measured)|: the error a log-time fit minimises, used by feature importance. */
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

    /** Median of |predicted - measured| / measured. */
    public static double medianApe(double[] measured, double[] predicted) {
        double[] ape = new double[measured.length];
        for (int i = 0; i < ape.length; i++) {
            ape[i] = Math.abs(predicted[i] - measured[i]) / measured[i];
        }
        return median(ape);
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

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
