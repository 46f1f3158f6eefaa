package io.github.runtimeestimator.models.internal.compiled;


/**
 * A regression model in pure-Java form: one prediction from one row of model-order features, no native call,
 * no lock and no allocation per call. Immutable and safe to share between threads. The three forms are the
 * ones an {@code .rte} artifact stores (see {@code docs/artifact-format.md}).
 */
public sealed interface CompiledEvaluator permits CompiledTreeEnsemble, FastKnn, CompiledLinear {

    /** Predicts one row; {@code features.length} must be {@link #dimensions()}. Allocates nothing. */
    double predict(double[] features);

    /** The number of features a row has. */
    int dimensions();
}
