package io.github.runtimeestimator.models.internal.compiled;


/**
 * The ranges every compiled evaluator enforces when it is built, so that an evaluator read from an untrusted
 * artifact can neither loop, nor index out of bounds, nor overflow to a non-finite prediction on finite inputs.
 * They are far outside what any trainer of this library produces (log-seconds leaves are within about
 * +-40, standardized weights within about 1e6, standardization constants within 1e15).
 */
public final class EvaluatorLimits {
    /** Most nodes over all trees of one ensemble (2^24). */
    public static final int MAX_NODES = 1 << 24;
    /** Most trees (members) of one ensemble. */
    public static final int MAX_TREES = 100_000;
    /** Deepest tree: the longest root-to-leaf path, in splits (CART's maxDepth goes to 1,000). */
    public static final int MAX_DEPTH = 1_024;
    /** Most training rows of a k-NN evaluator. */
    public static final int MAX_KNN_ROWS = 10_000_000;
    /** Most neighbours of a k-NN evaluator. */
    public static final int MAX_K = 10_000;
    /** Most features (dimensions) of one row. */
    public static final int MAX_DIMENSIONS = 4_096;
    /**
     * Largest magnitude of any stored number (a threshold excepted): tree leaves, XGBoost's base score, k-NN
     * coordinates and targets, linear weights and normalisation constants. With inputs standardized by at most
     * the same bound, sums and products of them stay finite in float and double, so a prediction on finite
     * features is finite.
     */
    public static final double MAX_ABS_VALUE = 1e30;

    private EvaluatorLimits() {
    }

    static void requireFinite(String field, double value, double maxAbs) {
        if (!(Math.abs(value) <= maxAbs)) { // also refuses NaN
            throw new InvalidModelException(field, value + " must be finite with magnitude <= " + maxAbs);
        }
    }

    static void requireCount(String field, long count, long min, long max) {
        if (count < min || count > max) {
            throw new InvalidModelException(field, "count " + count + " must be within [" + min + ", " + max + "]");
        }
    }
}
