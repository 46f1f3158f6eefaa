package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.Measurement;
import java.util.List;

/** Trains estimators from measurements. SKELETON: signature fixed, body written by the models work. */
public final class EstimatorTrainer {
    private EstimatorTrainer() {
    }

    /** The trainer names {@link #train} accepts. */
    public static List<String> trainerNames() {
        return List.of("linear", "xgboost", "knn", "cart", "forest");
    }

    /**
     * Fits {@code config} on the {@code ok} rows of {@code measurements} (other rows are skipped with a logged
     * count) and returns an immutable, thread-safe estimator.
     */
    public static TrainedEstimator train(TrainerConfig config, List<Measurement> measurements) {
        throw new UnsupportedOperationException("not yet");
    }
}
