package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.Checks;
import io.github.runtimeestimator.models.PredictionIntervals;
import java.util.List;

/**
 * How training runs, beyond the {@link TrainerConfig} the artifact records as the estimator's identity.
 *
 * @param folds       folds of the internal cross-validation (grouped by model) that yields the held-out
 *                    metrics and the prediction intervals; at least 2 ({@link #DEFAULT_FOLDS})
 * @param coverage    the nominal coverage of the prediction intervals, in (0, 1) (0.8: 10th to 90th percentile)
 * @param sourceFiles the files the measurements came from, recorded in the manifest
 */
public record TrainingOptions(int folds, double coverage, List<String> sourceFiles) {
    public static final int DEFAULT_FOLDS = 5;

    public TrainingOptions {
        Checks.atLeast("folds", folds, 2);
        if (!(coverage > 0 && coverage < 1)) {
            throw new io.github.runtimeestimator.core.SpecValidationException("coverage", coverage,
                    "must be within (0, 1)");
        }
        sourceFiles = sourceFiles == null ? List.of() : List.copyOf(sourceFiles);
    }

    /** Five folds, 80% intervals, no source files named. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(DEFAULT_FOLDS, PredictionIntervals.DEFAULT_COVERAGE, List.of());
    }

    public TrainingOptions withSourceFiles(List<String> files) {
        return new TrainingOptions(folds, coverage, files);
    }

    public TrainingOptions withFolds(int newFolds) {
        return new TrainingOptions(newFolds, coverage, sourceFiles);
    }
}
