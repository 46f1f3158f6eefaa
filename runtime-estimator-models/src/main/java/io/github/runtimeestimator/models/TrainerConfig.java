package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to train an estimator, as a value: the trainer by name ({@code linear}, {@code xgboost}, {@code knn},
 * {@code cart}, {@code forest}), its hyper-parameters as a small map, the feature set id, the target and the seed.
 * Stored in the artifact's manifest so every estimator says what made it.
 *
 * @param trainer         the trainer's name, not blank
 * @param hyperParameters hyper-parameters by name; null is none
 * @param featureSet      the feature set id, not blank
 * @param target          what the regressor is fitted on; null is {@link Target#LOG_SECONDS}
 * @param seed            the training seed
 */
public record TrainerConfig(String trainer, Map<String, String> hyperParameters, String featureSet, Target target,
                            long seed) {

    /** The seed a config gets from {@link #of}. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * Validates the trainer and feature set; fails with a SpecValidationException naming the field. Null
     * hyper-parameters are none, a null target is {@link Target#LOG_SECONDS}.
     *
     * @param trainer         the trainer's name, not blank
     * @param hyperParameters hyper-parameters by name; null is none
     * @param featureSet      the feature set id, not blank
     * @param target          what the regressor is fitted on; null is {@link Target#LOG_SECONDS}
     * @param seed            the training seed
     */
    public TrainerConfig {
        Checks.requiredText("trainer", trainer);
        hyperParameters = hyperParameters == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(hyperParameters));
        Checks.requiredText("featureSet", featureSet);
        target = target == null ? Target.LOG_SECONDS : target;
    }

    /**
     * A trainer with its default hyper-parameters, log-seconds target and the default seed.
     *
     * @param trainer    the trainer's name
     * @param featureSet the feature set id
     * @return the config
     */
    public static TrainerConfig of(String trainer, String featureSet) {
        return new TrainerConfig(trainer, Map.of(), featureSet, Target.LOG_SECONDS, DEFAULT_SEED);
    }

    /**
     * This config with another target.
     *
     * @param newTarget what the regressor is fitted on; null is {@link Target#LOG_SECONDS}
     * @return the new config
     */
    public TrainerConfig withTarget(Target newTarget) {
        return new TrainerConfig(trainer, hyperParameters, featureSet, newTarget, seed);
    }

    /**
     * This config with other hyper-parameters, replacing all of its own.
     *
     * @param newHyperParameters hyper-parameters by name; null is none
     * @return the new config
     */
    public TrainerConfig withHyperParameters(Map<String, String> newHyperParameters) {
        return new TrainerConfig(trainer, newHyperParameters, featureSet, target, seed);
    }

    /**
     * This config with another seed.
     *
     * @param newSeed the training seed
     * @return the new config
     */
    public TrainerConfig withSeed(long newSeed) {
        return new TrainerConfig(trainer, hyperParameters, featureSet, target, newSeed);
    }
}
