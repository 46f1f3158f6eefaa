package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-validates an estimator-fitting function over a {@link Split}: per fold, fit on the training rows,
 * predict every held-out ok row's workload, and pool the predictions. Generic over the fit function, so any
 * estimator (a Tribuo trainer, an analytic roofline, a test stub) is judged the same way.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private Evaluator() {
    }

    /**
     * As {@link #evaluate(List, Split, Function, Progress)}, reporting no progress.
     *
     * @param data  the measurements to split
     * @param split how to cut them into folds
     * @param fit   fits an estimator on a fold's training rows
     * @return every fold's estimator and predictions
     * @throws IllegalArgumentException when {@code split} cannot cut {@code data}
     */
    public static EvaluationResult evaluate(List<Measurement> data, Split split,
                                            Function<List<Measurement>, ? extends RuntimeEstimator> fit) {
        return evaluate(data, split, fit, Progress.NONE);
    }

    /**
     * As {@link #evaluateFolds(List, Split, Function, Progress)}, fitting on each fold's training rows.
     *
     * @param data     the measurements to split
     * @param split    how to cut them into folds
     * @param fit      fits an estimator on a fold's training rows
     * @param progress told about each fold as it starts
     * @return every fold's estimator and predictions
     * @throws IllegalArgumentException when {@code split} cannot cut {@code data}
     */
    public static EvaluationResult evaluate(List<Measurement> data, Split split,
                                            Function<List<Measurement>, ? extends RuntimeEstimator> fit,
                                            Progress progress) {
        Checks.required("fit", fit);
        return evaluateFolds(data, split, fold -> fit.apply(fold.train()), progress);
    }

    /**
     * Runs every fold of {@code split} over {@code data}.
     *
     * @param data     the measurements to split
     * @param split    how to cut them into folds
     * @param fit      fits an estimator on a fold: its training rows (ok rows only), and what it holds out, so the
     *                 fit can keep the held-out models out of anything it learns from beyond the rows
     * @param progress told about each fold as it starts
     * @return every fold's estimator, its predictions and the held-out rows it refused
     * @throws IllegalArgumentException when {@code split} cannot cut {@code data}
     */
    public static EvaluationResult evaluateFolds(List<Measurement> data, Split split,
                                                 Function<Fold, ? extends RuntimeEstimator> fit, Progress progress) {
        Checks.required("data", data);
        Checks.required("split", split);
        Checks.required("fit", fit);
        Checks.required("progress", progress);
        List<Fold> folds = split.folds(data);
        List<FoldResult> results = new ArrayList<>(folds.size());
        int i = 0;
        for (Fold fold : folds) {
            i++;
            progress.report(split.id() + " " + i + "/" + folds.size() + ": " + fold.name() + " (train "
                    + fold.train().size() + ", test " + fold.test().size() + ")");
            RuntimeEstimator estimator = fit.apply(fold);
            results.add(score(fold, estimator));
        }
        EvaluationResult result = new EvaluationResult(split.id(), results);
        if (!result.failures().isEmpty()) {
            // the result carries every refusal with its reason; a warning would say it twice to an embedding caller
            LOG.debug("{}: the estimator refused {} held-out rows", split.id(), result.failures().size());
        }
        return result;
    }

    /**
     * Scores a fitted estimator on held-out measurements (ok rows only), e.g. a separate holdout file.
     *
     * @param estimator the fitted estimator
     * @param holdout   the measurements to predict; rows that are not ok are left out
     * @return the predictions and refused rows, as one fold named {@code holdout} with no training rows
     */
    public static FoldResult score(RuntimeEstimator estimator, List<Measurement> holdout) {
        return score(new Fold("holdout", List.of(), Splits.okRows(holdout)), estimator);
    }

    private static FoldResult score(Fold fold, RuntimeEstimator estimator) {
        List<Prediction> predictions = new ArrayList<>(fold.test().size());
        List<PredictionFailure> failures = new ArrayList<>();
        for (Measurement m : fold.test()) {
            if (!m.isOk()) {
                continue;
            }
            try {
                Estimate e = estimator.predict(m.workload());
                predictions.add(new Prediction(m, fold.name(), e.seconds(), e.lowerSeconds(), e.upperSeconds()));
            } catch (IllegalArgumentException e) {
                failures.add(new PredictionFailure(m, fold.name(), e.getMessage()));
            }
        }
        return new FoldResult(fold, estimator, predictions, failures);
    }
}
