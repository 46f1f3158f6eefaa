package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.training.EstimatorTrainer;
import io.github.runtimeestimator.training.TrainingOptions;
import io.github.runtimeestimator.training.evaluation.Fold;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the commands get estimators from: loading artifacts, the pretrained default, and fitting for a
 * comparison. The command uses {@link #standard()}; tests substitute stubs.
 */
public interface EstimatorSource {

    /**
     * Loads an estimator artifact ({@code .rte}).
     *
     * @param artifact the artifact file
     * @return the estimator it holds
     * @throws IOException when the file cannot be read
     */
    RuntimeEstimator load(Path artifact) throws IOException;

    /**
     * The pretrained default estimator.
     *
     * @return the default estimator
     */
    RuntimeEstimator loadDefault();

    /**
     * Fits {@code config} on {@code rows}.
     *
     * @param config the trainer configuration to fit
     * @param rows   the measurements to train on
     * @return the fitted estimator
     */
    RuntimeEstimator fit(TrainerConfig config, List<Measurement> rows);

    /**
     * Fits {@code config} on a fold, as {@code compare} does: on its training rows, with its held-out models left out
     * of the reference models descriptors are inferred from. By default {@link #fit(TrainerConfig, List)} on the
     * training rows.
     *
     * @param config the trainer configuration to fit
     * @param fold   the fold whose training rows it is fitted on
     * @return the fitted estimator
     */
    default RuntimeEstimator fit(TrainerConfig config, Fold fold) {
        return fit(config, fold.train());
    }

    /**
     * The library's own: {@link RuntimeEstimator#load}, {@link RuntimeEstimator#loadDefault},
     * {@link EstimatorTrainer}.
     *
     * @return the standard source
     */
    static EstimatorSource standard() {
        return new EstimatorSource() {
            @Override
            public RuntimeEstimator load(Path artifact) throws IOException {
                return RuntimeEstimator.load(artifact);
            }

            @Override
            public RuntimeEstimator loadDefault() {
                return RuntimeEstimator.loadDefault();
            }

            @Override
            public RuntimeEstimator fit(TrainerConfig config, List<Measurement> rows) {
                return EstimatorTrainer.train(config, rows);
            }

            @Override
            public RuntimeEstimator fit(TrainerConfig config, Fold fold) {
                return EstimatorTrainer.train(config, fold.train(),
                        TrainingOptions.defaults().withoutReferences(fold.heldOutModels()));
            }
        };
    }
}
