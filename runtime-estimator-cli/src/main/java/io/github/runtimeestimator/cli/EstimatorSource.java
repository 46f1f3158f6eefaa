package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.training.EstimatorTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the commands get estimators from: loading artifacts, the pretrained default, and fitting for a
 * comparison. The command uses {@link #standard()}; tests substitute stubs.
 */
public interface EstimatorSource {

    RuntimeEstimator load(Path artifact) throws IOException;

    RuntimeEstimator loadDefault();

    /** Fits {@code config} on {@code rows}, as {@code compare} does per fold. */
    RuntimeEstimator fit(TrainerConfig config, List<Measurement> rows);

    /** The library's own: {@link RuntimeEstimator#load}, {@link RuntimeEstimator#loadDefault}, {@link EstimatorTrainer}. */
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
        };
    }
}
