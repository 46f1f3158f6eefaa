package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.Measurement;

/**
 * A held-out row the estimator refused to predict (a spec it cannot handle); reported, never silently dropped.
 *
 * @param measurement the row
 * @param fold        the fold that held it out
 * @param reason      the estimator's message
 */
public record PredictionFailure(Measurement measurement, String fold, String reason) {
}
