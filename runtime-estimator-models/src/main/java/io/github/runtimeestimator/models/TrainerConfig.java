package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to train an estimator, as a value: the trainer by name ({@code linear}, {@code xgboost}, {@code knn},
 * {@code cart}, {@code forest}), its hyper-parameters as a small map, the feature set id, the target and the seed.
 * Stored in the artifact's manifest so every estimator says what made it.
 */
public record TrainerConfig(String trainer, Map<String, String> hyperParameters, String featureSet, Target target,
                            long seed) {

    public static final long DEFAULT_SEED = 42L;

    public TrainerConfig {
        Checks.requiredText("trainer", trainer);
        hyperParameters = hyperParameters == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(hyperParameters));
        Checks.requiredText("featureSet", featureSet);
        target = target == null ? Target.LOG_SECONDS : target;
    }

    /** A trainer with its default hyper-parameters, log-seconds target and the default seed. */
    public static TrainerConfig of(String trainer, String featureSet) {
        return new TrainerConfig(trainer, Map.of(), featureSet, Target.LOG_SECONDS, DEFAULT_SEED);
    }

    public TrainerConfig withTarget(Target newTarget) {
        return new TrainerConfig(trainer, hyperParameters, featureSet, newTarget, seed);
    }

    public TrainerConfig withHyperParameters(Map<String, String> newHyperParameters) {
        return new TrainerConfig(trainer, newHyperParameters, featureSet, target, seed);
    }

    public TrainerConfig withSeed(long newSeed) {
        return new TrainerConfig(trainer, hyperParameters, featureSet, target, newSeed);
    }
}
