package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.models.internal.Stats;

/**
 * How well the estimator's trainer did on step rows it did not see, from the internal K-fold during training.
 * Relative errors are fractions (0.12 = 12%).
 *
 * @param split                 how rows were held out ({@code 5-fold grouped by model})
 * @param folds                 number of folds (0: too little data, no held-out figures)
 * @param rows                  held-out rows scored (each row once)
 * @param maeSeconds            mean absolute error, seconds per step
 * @param medianApe             median absolute percentage error
 * @param mape                  mean absolute percentage error
 * @param within10Percent       share of rows predicted within 10%
 * @param within25Percent       share of rows predicted within 25%
 * @param medianMeasuredSeconds median measured step time of those rows: the scale {@code maeSeconds} is read against
 */
public record HeldOutMetrics(@JsonProperty("split") String split,
                             @JsonProperty("folds") int folds,
                             @JsonProperty("rows") int rows,
                             @JsonProperty("maeSeconds") double maeSeconds,
                             @JsonProperty("medianApe") double medianApe,
                             @JsonProperty("mape") double mape,
                             @JsonProperty("within10Percent") double within10Percent,
                             @JsonProperty("within25Percent") double within25Percent,
                             @JsonProperty("medianMeasuredSeconds") double medianMeasuredSeconds) {

    public static HeldOutMetrics none(String why) {
        return new HeldOutMetrics(why, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The metrics of held-out {@code predicted} against {@code measured} seconds. */
    public static HeldOutMetrics of(String split, int folds, double[] measured, double[] predicted) {
        int n = measured.length;
        if (n == 0) {
            return none(split);
        }
        double[] abs = new double[n];
        double[] ape = new double[n];
        int w10 = 0;
        int w25 = 0;
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(predicted[i] - measured[i]);
            ape[i] = abs[i] / measured[i];
            w10 += ape[i] <= 0.10 ? 1 : 0;
            w25 += ape[i] <= 0.25 ? 1 : 0;
        }
        return new HeldOutMetrics(split, folds, n, Stats.mean(abs), Stats.quantile(ape, 0.5), Stats.mean(ape),
                (double) w10 / n, (double) w25 / n, Stats.quantile(measured, 0.5));
    }
}
