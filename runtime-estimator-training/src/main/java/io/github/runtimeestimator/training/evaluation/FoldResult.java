package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.RuntimeEstimator;
import java.util.List;

/**
 * What one fold gave: the estimator fitted on its training rows and its predictions of the held-out rows.
 *
 * @param fold        the fold
 * @param estimator   the estimator fitted on {@code fold.train()} (kept for permutation importance)
 * @param predictions one per held-out ok row the estimator could predict
 * @param failures    held-out rows it refused
 */
public record FoldResult(Fold fold, RuntimeEstimator estimator, List<Prediction> predictions,
                         List<PredictionFailure> failures) {
    /**
     * Copies the predictions and failures.
     *
     * @param fold        the fold
     * @param estimator   the estimator fitted on {@code fold.train()}
     * @param predictions one per held-out ok row the estimator could predict
     * @param failures    held-out rows it refused
     */
    public FoldResult {
        predictions = List.copyOf(predictions);
        failures = List.copyOf(failures);
    }
}
