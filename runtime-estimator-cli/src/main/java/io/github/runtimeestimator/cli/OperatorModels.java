package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.RuntimeEstimatorException;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.models.internal.DefaultEstimator;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.training.operators.KernelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What the {@code kernels} commands share: reading kernel files and loading estimator artifacts. */
final class OperatorModels {
    private OperatorModels() {
    }

    /** The kernel files, read leniently; a file that is missing, unreadable or not a kernel format fails. */
    static KernelFiles read(List<Path> files, HardwareCatalog catalog) {
        for (Path f : files) {
            Inputs.existingFile("data file", f);
        }
        try {
            return KernelFiles.read(files, catalog);
        } catch (IOException | RuntimeEstimatorException e) {
            throw new UserInputException(Inputs.oneLine(e), e);
        }
    }

    /** The estimator artifact {@code model}, or the shipped default when null. */
    static TrainedEstimator estimator(Path model) {
        if (model == null) {
            return DefaultEstimator.get();
        }
        Inputs.existingFile("model file", model);
        try {
            return EstimatorArtifact.read(model);
        } catch (IOException | RuntimeEstimatorException e) {
            throw new UserInputException("model file " + model + " cannot be loaded: " + Inputs.oneLine(e), e);
        }
    }

    /** The per-operator model stored in {@code model} (the shipped default when null). */
    static OperatorModel operatorModel(Path model) {
        TrainedEstimator estimator = estimator(model);
        return estimator.operatorModel().orElseThrow(() -> new UserInputException((model == null
                ? "the shipped default estimator" : "model file " + model) + " holds no per-operator model; train"
                + " one with 'runtime-estimator kernels train --data FILE... --out m.rte' and pass --estimator m.rte"));
    }
}
