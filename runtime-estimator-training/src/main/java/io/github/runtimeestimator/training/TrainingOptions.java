package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.models.DescriptorInference;
import io.github.runtimeestimator.models.PredictionIntervals;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * How training runs, beyond the {@link io.github.runtimeestimator.models.TrainerConfig} the artifact records as the
 * estimator's identity.
 *
 * @param folds           folds of the internal cross-validation (grouped by model) that yields the held-out
 *                        metrics and the prediction intervals; at least 2 ({@link #DEFAULT_FOLDS})
 * @param coverage        the nominal coverage of the prediction intervals, in (0, 1) (0.8: 10th to 90th percentile)
 * @param sourceFiles     the files the measurements came from, recorded in the manifest
 * @param referenceModels the described models the estimator recognises renamed models by and infers the
 *                        descriptors of undescribed ones from ({@link DescriptorInference}); by default every entry
 *                        of the built-in model catalogue. An evaluation that holds models out leaves them out here
 *                        ({@link #withoutReferences})
 * @param groupedIntervals whether to calibrate the intervals of a new family, new hardware and inferred descriptors
 *                        too (one fit per family and per device more); without them every spec takes the interval of
 *                        a new model
 */
public record TrainingOptions(int folds, double coverage, List<String> sourceFiles, List<ModelSpec> referenceModels,
                              boolean groupedIntervals) {
    /** The folds of the internal cross-validation unless set otherwise: 5. */
    public static final int DEFAULT_FOLDS = 5;

    /**
     * Validates the folds (at least 2) and the coverage (within (0, 1)), failing with a SpecValidationException
     * naming the field; null source files mean none, null reference models the built-in model catalogue.
     *
     * @param folds            folds of the internal cross-validation, at least 2
     * @param coverage         the nominal coverage of the prediction intervals, in (0, 1)
     * @param sourceFiles      the files the measurements came from; null: none
     * @param referenceModels  the described models to recognise and infer from; null: the built-in catalogue
     * @param groupedIntervals whether to calibrate the intervals of a new family, new hardware and inferred
     *                         descriptors too
     */
    public TrainingOptions {
        Checks.atLeast("folds", folds, 2);
        if (!(coverage > 0 && coverage < 1)) {
            throw new io.github.runtimeestimator.core.SpecValidationException("coverage", coverage,
                    "must be within (0, 1)");
        }
        sourceFiles = sourceFiles == null ? List.of() : List.copyOf(sourceFiles);
        referenceModels = referenceModels == null ? ModelCatalog.builtIn().all() : List.copyOf(referenceModels);
    }

    /**
     * Options of the version before reference models and grouped intervals: both at their defaults.
     *
     * @param folds       folds of the internal cross-validation, at least 2
     * @param coverage    the nominal coverage of the prediction intervals, in (0, 1)
     * @param sourceFiles the files the measurements came from; null: none
     */
    public TrainingOptions(int folds, double coverage, List<String> sourceFiles) {
        this(folds, coverage, sourceFiles, null, true);
    }

    /**
     * Five folds, 80% intervals, no source files named, the built-in catalogue as references, grouped intervals.
     *
     * @return the default options
     */
    public static TrainingOptions defaults() {
        return new TrainingOptions(DEFAULT_FOLDS, PredictionIntervals.DEFAULT_COVERAGE, List.of(), null, true);
    }

    /**
     * These options with other source files.
     *
     * @param files the files the measurements came from; null: none
     * @return the new options
     */
    public TrainingOptions withSourceFiles(List<String> files) {
        return new TrainingOptions(folds, coverage, files, referenceModels, groupedIntervals);
    }

    /**
     * These options with another number of folds.
     *
     * @param newFolds folds of the internal cross-validation, at least 2
     * @return the new options
     */
    public TrainingOptions withFolds(int newFolds) {
        return new TrainingOptions(newFolds, coverage, sourceFiles, referenceModels, groupedIntervals);
    }

    /**
     * These options with other reference models.
     *
     * @param models the described models to recognise and infer from; null: the built-in catalogue
     * @return the new options
     */
    public TrainingOptions withReferenceModels(List<ModelSpec> models) {
        return new TrainingOptions(folds, coverage, sourceFiles, models, groupedIntervals);
    }

    /**
     * These options with the reference models of the given names left out (the models an evaluation holds out).
     *
     * @param names the model names to leave out
     * @return the new options
     */
    public TrainingOptions withoutReferences(Collection<String> names) {
        Set<String> out = Set.copyOf(names);
        return withReferenceModels(referenceModels.stream().filter(m -> !out.contains(m.name())).toList());
    }

    /**
     * These options with grouped intervals calibrated or not.
     *
     * @param calibrate whether to calibrate the intervals of a new family, new hardware and inferred descriptors
     * @return the new options
     */
    public TrainingOptions withGroupedIntervals(boolean calibrate) {
        return new TrainingOptions(folds, coverage, sourceFiles, referenceModels, calibrate);
    }
}
