package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --operator-model m.rte}, shared by {@code train} and {@code compare}: the per-operator model that feature set
 * {@code opgraph} sums a step's operators through, taken from an artifact that holds one ({@code kernels train}
 * writes such artifacts). The estimator trained on {@code opgraph} stores that model in its own artifact.
 */
final class OperatorModelOption {
    @Option(names = "--operator-model", paramLabel = "ops.rte",
            description = "artifact whose per-operator model feature set opgraph sums operators through"
                    + " (from 'kernels train'); needed by --features opgraph")
    Path file;

    private OperatorGraphFeatures loaded;

    /** The feature set {@code id}, {@code opgraph} over the model of {@code --operator-model}. */
    FeatureExtractor features(String id) {
        if (!OperatorGraphFeatures.ID.equals(id)) {
            return FeatureSets.byId(id);
        }
        if (file == null) {
            throw new UserInputException("feature set " + OperatorGraphFeatures.ID + " needs --operator-model ops.rte:"
                    + " an artifact with a per-operator model, from 'runtime-estimator kernels train'");
        }
        if (loaded == null) {
            loaded = new OperatorGraphFeatures(OperatorModels.operatorModel(file));
        }
        return loaded;
    }
}
