package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Path;

/** An estimator trained from measurements. SKELETON: written by the models work. */
public final class TrainedEstimator implements RuntimeEstimator {
    private TrainedEstimator() {
    }

    @Override
    public Estimate predict(WorkloadSpec spec) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The configuration it was trained with. */
    public TrainerConfig config() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes the {@code .rte} artifact. */
    public void save(Path file) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
