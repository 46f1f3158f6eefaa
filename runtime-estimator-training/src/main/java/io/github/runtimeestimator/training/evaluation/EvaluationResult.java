package io.github.runtimeestimator.training.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Every fold of one split, and the pooled predictions: with a leave-one-out split each ok row is predicted
 * exactly once, by an estimator that never saw its group.
 *
 * @param split the split's id
 * @param folds per fold, in split order
 */
public record EvaluationResult(String split, List<FoldResult> folds) {
    /**
     * Copies the folds.
     *
     * @param split the split's id
     * @param folds per fold, in split order
     */
    public EvaluationResult {
        folds = List.copyOf(folds);
    }

    /**
     * Every fold's predictions, in fold order.
     *
     * @return the pooled predictions
     */
    public List<Prediction> predictions() {
        List<Prediction> all = new ArrayList<>();
        for (FoldResult f : folds) {
            all.addAll(f.predictions());
        }
        return all;
    }

    /**
     * Every fold's refused rows.
     *
     * @return the refused rows, in fold order
     */
    public List<PredictionFailure> failures() {
        List<PredictionFailure> all = new ArrayList<>();
        for (FoldResult f : folds) {
            all.addAll(f.failures());
        }
        return all;
    }

    /**
     * Metrics of the pooled predictions, overall and per phase.
     *
     * @return the report of {@link #predictions()}
     */
    public MetricsReport report() {
        return MetricsReport.of(predictions());
    }
}
