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

    /**
     * Feature-set id, stored in estimator artifacts ({@code seed}, {@code physics}).
     *
     * @return the id
     */
    String id();

    /**
     * Version of the set; an artifact trained on another version is refused.
     *
     * @return the version
     */
    int version();

    /**
     * Feature names, in vector order.
     *
     * @return the names; their count is the length of every vector of this set
     */
    List<String> names();

    /**
     * The features that never decrease when a step does more work (a larger batch, a longer sequence: more FLOPs,
     * bytes or activations per step) with everything else fixed. With {@link #varyingWithWork()} it lets a trainer
     * build a regressor that predicts no less time for more work: non-decreasing in each of these, and blind to the
     * other features that vary with the work. Empty when the set makes no such promise (the default).
     *
     * @return names from {@link #names()}, possibly empty
     */
    default List<String> increasingWithWork() {
        return List.of();
    }

    /**
     * Every feature that may change when a step does more work, in either direction: a superset of
     * {@link #increasingWithWork()}. Features outside it do not depend on the amount of work (hardware,
     * precision, model size, layer count). Empty by default (no promise).
     *
     * @return names from {@link #names()}, possibly empty
     */
    default List<String> varyingWithWork() {
        return List.of();
    }

    /**
     * Writes the features of {@code spec} into {@code out} (length {@code names().size()}), allocating nothing.
     *
     * @param spec the workload; featurised as one step
     * @param out  receives the values, in the order of {@link #names()}
     */
    void extractInto(WorkloadSpec spec, double[] out);

    /**
     * The features of {@code spec} as a new vector.
     *
     * @param spec the workload; featurised as one step
     * @return a vector of this set's id, version and names
     */
    default FeatureVector extract(WorkloadSpec spec) {
        double[] out = new double[names().size()];
        extractInto(spec, out);
        return new FeatureVector(id(), version(), names(), out);
    }
}
