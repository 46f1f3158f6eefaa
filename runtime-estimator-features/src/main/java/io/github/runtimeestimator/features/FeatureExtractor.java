package io.github.runtimeestimator.features;

import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.List;

/**
 * Turns a workload into a feature vector. Implementations are immutable and thread-safe.
 *
 * <p>Features describe ONE step of the workload (one inference batch or one optimizer step): estimators
 * predict a step and compose epochs and jobs from it, so an epoch or job spec is featurised as its step.
 */
public interface FeatureExtractor {

    /** Feature-set id, stored in estimator artifacts ({@code seed}, {@code physics}). */
    String id();

    /** Version of the set; an artifact trained on another version is refused. */
    int version();

    /** Feature names, in vector order. */
    List<String> names();

    /** Writes the features of {@code spec} into {@code out} (length {@code names().size()}), allocating nothing. */
    void extractInto(WorkloadSpec spec, double[] out);

    /** The features of {@code spec} as a new vector. */
    default FeatureVector extract(WorkloadSpec spec) {
        double[] out = new double[names().size()];
        extractInto(spec, out);
        return new FeatureVector(id(), version(), names(), out);
    }
}
