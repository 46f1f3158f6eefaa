package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.internal.Checks;

/**
 * How the per-operator efficiency models are trained: XGBoost (histogram trees, squared error on
 * {@code ln(work / base)}) with these hyper-parameters, one model per family.
 *
 * @param trees               boosting rounds
 * @param eta                 learning rate
 * @param maxDepth            depth of each tree
 * @param minChildWeight      least hessian (rows) in a leaf
 * @param subsample           rows sampled per tree
 * @param featureSubsample    features sampled per tree
 * @param threads             XGBoost threads
 * @param maxRowsPerDevice    at most this many rows of each device and family train (a seeded sample); 0 for all
 * @param seed                seed of XGBoost and of the sampling
 * @param excludedFeatures    feature names the trees must not use; a name ending in {@code *} excludes every
 *                            feature it prefixes
 */
public record OperatorTrainingOptions(int trees, double eta, int maxDepth, double minChildWeight, double subsample,
                                      double featureSubsample, int threads, int maxRowsPerDevice, long seed,
                                      java.util.List<String> excludedFeatures) {

    /** 300 trees of depth 8, eta 0.1, 80% of rows and features per tree, two threads, every row, seed 42. */
    public static final OperatorTrainingOptions DEFAULTS =
            new OperatorTrainingOptions(300, 0.1, 8, 1.0, 0.8, 0.8, 2, 0, 42L, java.util.List.of());

    /**
     * Validates the figures (trees, depth and threads at least 1; eta, subsample and feature subsample finite and
     * &gt; 0; minimum child weight finite and &gt;= 0; rows per device &gt;= 0); fails with a
     * SpecValidationException naming the field. Null excluded features mean none.
     *
     * @param trees            boosting rounds
     * @param eta              learning rate
     * @param maxDepth         depth of each tree
     * @param minChildWeight   least hessian (rows) in a leaf
     * @param subsample        rows sampled per tree
     * @param featureSubsample features sampled per tree
     * @param threads          XGBoost threads
     * @param maxRowsPerDevice at most this many rows of each device and family train; 0 for all
     * @param seed             seed of XGBoost and of the sampling
     * @param excludedFeatures feature names the trees must not use; null: none
     */
    public OperatorTrainingOptions {
        Checks.atLeast("trees", trees, 1);
        Checks.positive("eta", eta);
        Checks.atLeast("maxDepth", maxDepth, 1);
        Checks.nonNegative("minChildWeight", minChildWeight);
        Checks.positive("subsample", subsample);
        Checks.positive("featureSubsample", featureSubsample);
        Checks.atLeast("threads", threads, 1);
        Checks.atLeast("maxRowsPerDevice", maxRowsPerDevice, 0);
        excludedFeatures = excludedFeatures == null ? java.util.List.of() : java.util.List.copyOf(excludedFeatures);
    }

    /**
     * The hyper-parameters as an artifact's provenance records them (all but {@code threads}, which does not
     * change the model, and {@code excludedFeatures} when empty).
     *
     * @return the hyper-parameters by name, as text, sorted by name
     */
    public java.util.Map<String, String> hyperParameters() {
        java.util.Map<String, String> p = new java.util.TreeMap<>();
        p.put("trees", Integer.toString(trees));
        p.put("eta", Double.toString(eta));
        p.put("maxDepth", Integer.toString(maxDepth));
        p.put("minChildWeight", Double.toString(minChildWeight));
        p.put("subsample", Double.toString(subsample));
        p.put("featureSubsample", Double.toString(featureSubsample));
        p.put("maxRowsPerDevice", Integer.toString(maxRowsPerDevice));
        if (!excludedFeatures.isEmpty()) {
            p.put("excludedFeatures", String.join(",", excludedFeatures));
        }
        return p;
    }

    /**
     * Whether the trees may use the feature {@code name}.
     *
     * @param name a feature name
     * @return false when {@code name} is excluded, by name or by an excluded prefix
     */
    public boolean uses(String name) {
        for (String x : excludedFeatures) {
            if (x.endsWith("*") ? name.startsWith(x.substring(0, x.length() - 1)) : name.equals(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * These options with other excluded features.
     *
     * @param names feature names the trees must not use (a name ending in {@code *} is a prefix); null: none
     * @return the new options
     */
    public OperatorTrainingOptions withExcludedFeatures(java.util.List<String> names) {
        return new OperatorTrainingOptions(trees, eta, maxDepth, minChildWeight, subsample, featureSubsample,
                threads, maxRowsPerDevice, seed, names);
    }

    /**
     * These options with another number of boosting rounds.
     *
     * @param n boosting rounds, at least 1
     * @return the new options
     */
    public OperatorTrainingOptions withTrees(int n) {
        return new OperatorTrainingOptions(n, eta, maxDepth, minChildWeight, subsample, featureSubsample, threads,
                maxRowsPerDevice, seed, excludedFeatures);
    }

    /**
     * These options with another tree depth.
     *
     * @param depth depth of each tree, at least 1
     * @return the new options
     */
    public OperatorTrainingOptions withMaxDepth(int depth) {
        return new OperatorTrainingOptions(trees, eta, depth, minChildWeight, subsample, featureSubsample, threads,
                maxRowsPerDevice, seed, excludedFeatures);
    }

    /**
     * These options with another cap on rows per device.
     *
     * @param rows at most this many rows of each device and family train; 0 for all
     * @return the new options
     */
    public OperatorTrainingOptions withMaxRowsPerDevice(int rows) {
        return new OperatorTrainingOptions(trees, eta, maxDepth, minChildWeight, subsample, featureSubsample,
                threads, rows, seed, excludedFeatures);
    }

    /**
     * These options with another seed.
     *
     * @param s seed of XGBoost and of the sampling
     * @return the new options
     */
    public OperatorTrainingOptions withSeed(long s) {
        return new OperatorTrainingOptions(trees, eta, maxDepth, minChildWeight, subsample, featureSubsample,
                threads, maxRowsPerDevice, s, excludedFeatures);
    }

    /**
     * These options with another number of threads.
     *
     * @param n XGBoost threads, at least 1
     * @return the new options
     */
    public OperatorTrainingOptions withThreads(int n) {
        return new OperatorTrainingOptions(trees, eta, maxDepth, minChildWeight, subsample, featureSubsample, n,
                maxRowsPerDevice, seed, excludedFeatures);
    }
}
