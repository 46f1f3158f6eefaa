package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Stats;
import io.github.runtimeestimator.models.internal.ErrorSummary;

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

    /**
     * No held-out figures: 0 folds, 0 rows and every figure 0.
     *
     * @param why why there are none, kept as {@code split}
     * @return the empty metrics
     */
    public static HeldOutMetrics none(String why) {
        return new HeldOutMetrics(why, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The metrics of held-out {@code predicted} against {@code measured} seconds, with the error arithmetic the
     * evaluation harness uses ({@link ErrorSummary}).
     *
     * @param split     how rows were held out
     * @param folds     number of folds
     * @param measured  measured seconds per step, each finite and &gt; 0
     * @param predicted predicted seconds per step, in the same order
     * @return the metrics; {@link #none(String)} when there are no rows
     */
    public static HeldOutMetrics of(String split, int folds, double[] measured, double[] predicted) {
        if (measured.length == 0) {
            return none(split);
        }
        ErrorSummary e = ErrorSummary.of(measured, predicted);
        return new HeldOutMetrics(split, folds, e.rows(), e.maeSeconds(), e.medianApe(), e.mape(), e.within10(),
                e.within25(), Stats.median(measured));
    }
}
