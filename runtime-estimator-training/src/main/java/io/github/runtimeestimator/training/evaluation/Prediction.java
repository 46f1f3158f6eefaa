package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.Phase;

/**
 * One held-out measurement and what an estimator predicted for it.
 *
 * @param measurement      the held-out row (its workload is what was predicted)
 * @param fold             name of the fold that held it out
 * @param predictedSeconds the estimate's point value for the row's whole workload (batch, step or epoch)
 * @param lowerSeconds     the estimate's lower bound (equal to the point value when the estimator gives none)
 * @param upperSeconds     the estimate's upper bound (equal to the point value when the estimator gives none)
 */
public record Prediction(Measurement measurement, String fold, double predictedSeconds, double lowerSeconds,
                         double upperSeconds) {

    /**
     * A prediction without an interval: both bounds equal the point value.
     *
     * @param measurement      the held-out row
     * @param fold             name of the fold that held it out
     * @param predictedSeconds the estimate's point value for the row's whole workload
     */
    public Prediction(Measurement measurement, String fold, double predictedSeconds) {
        this(measurement, fold, predictedSeconds, predictedSeconds, predictedSeconds);
    }

    /**
     * Whether the measured time lies within [lowerSeconds, upperSeconds].
     *
     * @return true when the interval covers the measured time, bounds included
     */
    public boolean withinInterval() {
        double m = measuredSeconds();
        return m >= lowerSeconds && m <= upperSeconds;
    }

    /**
     * The measured wall time of the row's workload.
     *
     * @return the measured time, in seconds
     */
    public double measuredSeconds() {
        return measurement.seconds();
    }

    /**
     * The phase of the row's job.
     *
     * @return the phase the per-phase metrics group the prediction by
     */
    public Phase phase() {
        return measurement.workload().job().phase();
    }
}
