package io.github.runtimeestimator.models.internal.compiled;

import java.util.List;

/**
 * A regression tree ensemble as flat primitive arrays, evaluated in pure Java: no native call, no lock and no
 * allocation per prediction. Immutable and safe to share between threads. Built by
 * {@code runtime-estimator-training} from a trained Tribuo model, or read from an {@code .rte} artifact.
 *
 * <h2>Layout</h2>
 * Node {@code n} of any tree is a split when {@code feature[n] >= 0} (children {@code low[n]} and
 * {@code high[n]}) and a leaf when {@code feature[n] == -1} (its children are -1); {@code value[n]} is the
 * split's threshold or the leaf's output. {@code roots[t]} is the first node of tree {@code t}. The factories
 * check that every index is in range, that the trees are disjoint, acyclic and cover every node, that no tree
 * is deeper than {@link EvaluatorLimits#MAX_DEPTH}, and that thresholds and outputs are finite; so no array of
 * an artifact can make a prediction loop, index out of bounds or produce NaN.
 *
 * <h2>Feature order contract</h2>
 * {@link #predict(double[])} takes one value per model feature, in the order of {@link #featureNames()}
 * (Tribuo's feature ids, i.e. the sorted names); {@link FeatureOrder} maps another order once.
 *
 * <h2>Arithmetic, per {@link Kind}</h2>
 * <ul>
 *   <li>{@link Kind#TRIBUO_TREE} (Tribuo CART): at a split go to {@code high} when {@code x > threshold},
 *       else to {@code low} (NaN goes low); the result is the leaf's value, in double.</li>
 *   <li>{@link Kind#TRIBUO_AVERAGED_TREES} (Tribuo random forest / bagging with the regression averaging
 *       combiner): each member's leaf as above, combined with the combiner's running weighted mean
 *       {@code mean += (w / sum(w)) * (v - mean)} in double, member order.</li>
 *   <li>{@link Kind#XGBOOST} (a Tribuo XGBoost gbtree with an identity-link objective): the value is cast to
 *       float; NaN is missing and follows {@code missing[n]} (the node's default direction); otherwise
 *       {@code x < threshold} goes {@code low} ("yes"). The prediction starts at {@code baseScore} and adds each
 *       tree's leaf in tree order in float arithmetic, then widens to double, as xgboost and Tribuo do.</li>
 * </ul>
 * Each reproduces Tribuo's prediction bit for bit (tested in runtime-estimator-training on every dataset row).
 */
public final class CompiledTreeEnsemble implements CompiledEvaluator {
    /** Which arithmetic the arrays are evaluated with. */
    public enum Kind {
        /** One Tribuo CART tree. */
        TRIBUO_TREE,
        /** A Tribuo averaging ensemble of CART trees (random forest, bagging). */
        TRIBUO_AVERAGED_TREES,
        /** A Tribuo XGBoost booster. */
        XGBOOST
    }

    /** Deepest tree that is padded to the implicit complete layout (2^depth leaves per tree). */
    static final int MAX_COMPLETE_DEPTH = 8;
    /** Most slots (trees x 2^(depth + 1)) of the complete layout: about 48 MiB; larger ensembles walk nodes. */
    static final long MAX_COMPLETE_SLOTS = 1L << 22;

    private final Kind kind;
    private final List<String> featureNames;
    private final int[] roots;
    private final int[] feature;
    private final int[] low;
    private final int[] high;
    // TRIBUO_*: thresholds and leaf values in double; XGBOOST: in float, with the missing-value child.
    private final double[] value;
    private final float[] valueFloat;
    private final int[] missing;
    private final float[] memberWeights;
    private final float baseScore;
    // XGBOOST only, when every tree is at most MAX_COMPLETE_DEPTH deep: the trees padded to complete
    // binary trees in implicit (heap) order, null otherwise. See CompleteForest.
    private final CompleteForest complete;

    private CompiledTreeEnsemble(Kind kind, List<String> featureNames, int[] roots, int[] feature, int[] low,
                                 int[] high, double[] value, float[] valueFloat, int[] missing, float[] memberWeights,
                                 float baseScore) {
        this.kind = kind;
        this.featureNames = List.copyOf(featureNames);
        this.roots = roots.clone();
        this.feature = feature.clone();
        this.low = low.clone();
        this.high = high.clone();
        this.value = value == null ? null : value.clone();
        this.valueFloat = valueFloat == null ? null : valueFloat.clone();
        this.missing = missing == null ? null : missing.clone();
        this.memberWeights = memberWeights == null ? null : memberWeights.clone();
        this.baseScore = baseScore;
        if (this.featureNames.size() > EvaluatorLimits.MAX_DIMENSIONS) {
            throw new InvalidModelException("featureNames", "count " + this.featureNames.size() + " exceeds "
                    + EvaluatorLimits.MAX_DIMENSIONS);
        }
        int depth = TreeShape.check(kind, this.featureNames.size(), this.roots, this.feature, this.low, this.high,
                this.missing, this.value, this.valueFloat);
        if (kind == Kind.XGBOOST) {
            EvaluatorLimits.requireFinite("baseScore", baseScore, EvaluatorLimits.MAX_ABS_VALUE);
        }
        if (this.memberWeights != null) {
            for (int m = 0; m < this.memberWeights.length; m++) {
                float w = this.memberWeights[m];
                if (!(w > 0 && w <= EvaluatorLimits.MAX_ABS_VALUE)) {
                    throw new InvalidModelException("weight[" + m + "]", w + " must be finite and > 0");
                }
            }
        }
        this.complete = kind == Kind.XGBOOST && depth <= MAX_COMPLETE_DEPTH
                && ((long) this.roots.length << (depth + 1)) <= MAX_COMPLETE_SLOTS
                ? CompleteForest.of(this.roots, this.feature, this.low, this.high, this.missing, this.valueFloat,
                depth) : null;
    }

    /**
     * One Tribuo CART regression tree (root at {@code roots[0]}, a single root).
     *
     * @throws InvalidModelException naming the array and element that breaks a rule
     */
    public static CompiledTreeEnsemble tribuoTree(List<String> featureNames, int[] roots, int[] feature, int[] low,
                                                  int[] high, double[] value) {
        EvaluatorLimits.requireCount("roots", roots.length, 1, 1);
        return new CompiledTreeEnsemble(Kind.TRIBUO_TREE, featureNames, roots, feature, low, high, value, null, null,
                null, 0f);
    }

    /**
     * A Tribuo averaging ensemble of CART trees: member {@code t} starts at {@code roots[t]} and has weight
     * {@code weights[t]} (finite, > 0).
     *
     * @throws InvalidModelException naming the array and element that breaks a rule
     */
    public static CompiledTreeEnsemble tribuoAveraged(List<String> featureNames, int[] roots, float[] weights,
                                                      int[] feature, int[] low, int[] high, double[] value) {
        if (weights.length != roots.length) {
            throw new InvalidModelException("weight", "count " + weights.length + " but " + roots.length + " roots");
        }
        return new CompiledTreeEnsemble(Kind.TRIBUO_AVERAGED_TREES, featureNames, roots, feature, low, high, value,
                null, null, weights, 0f);
    }

    /**
     * An XGBoost gbtree booster with an identity link: trees from {@code roots}, float thresholds and leaves in
     * {@code value}, default directions in {@code missing} (each split's {@code low} or {@code high}).
     *
     * @throws InvalidModelException naming the array and element that breaks a rule
     */
    public static CompiledTreeEnsemble xgboost(List<String> featureNames, float baseScore, int[] roots, int[] feature,
                                               int[] low, int[] high, int[] missing, float[] value) {
        return new CompiledTreeEnsemble(Kind.XGBOOST, featureNames, roots, feature, low, high, null, value, missing,
                null, baseScore);
    }

    /**
     * Predicts one row. {@code features[i]} is the value of feature {@code featureNames().get(i)}; see the
     * class comment. Allocates nothing; safe to call from many threads.
     */
    @Override
    public double predict(double[] features) {
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException("features: length " + features.length + " but the model has "
                    + featureNames.size() + " features " + featureNames);
        }
        switch (kind) {
            case XGBOOST:
                return predictXGBoost(features);
            case TRIBUO_TREE:
                return value[leafOf(roots[0], features)];
            default:
                return predictAveraged(features);
        }
    }

    /** Predicts many rows: {@code out[r] = predict(rows[r])}. Allocates nothing. */
    public void predictBatch(double[][] rows, double[] out) {
        if (out.length < rows.length) {
            throw new IllegalArgumentException("out: length " + out.length + " < " + rows.length + " rows");
        }
        for (int r = 0; r < rows.length; r++) {
            out[r] = predict(rows[r]);
        }
    }

    private int leafOf(int node, double[] x) {
        int[] f = feature;
        double[] v = value;
        int n = node;
        int id;
        while ((id = f[n]) >= 0) {
            n = x[id] > v[n] ? high[n] : low[n];
        }
        return n;
    }

    private double predictAveraged(double[] x) {
        double mean = 0.0;
        double weightSum = 0.0;
        for (int t = 0; t < roots.length; t++) {
            double leaf = value[leafOf(roots[t], x)];
            float weight = memberWeights[t];
            weightSum += weight;
            mean += (weight / weightSum) * (leaf - mean);
        }
        return mean;
    }

    private double predictXGBoost(double[] x) {
        CompleteForest c = complete;
        return c != null ? c.sum(x, baseScore) : predictXGBoostNodes(x);
    }

    /** The node-by-node traversal (also the reference the complete layout is tested against). */
    double predictXGBoostNodes(double[] x) {
        int[] f = feature;
        float[] v = valueFloat;
        float sum = baseScore;
        for (int t = 0; t < roots.length; t++) {
            int n = roots[t];
            int id;
            while ((id = f[n]) >= 0) {
                double raw = x[id];
                if (raw != raw) {
                    n = missing[n];
                } else {
                    n = (float) raw < v[n] ? low[n] : high[n];
                }
            }
            sum += v[n];
        }
        return sum;
    }

    /** Whether XGBoost trees are evaluated in the implicit complete-tree layout (depth at most 8). */
    public boolean usesCompleteLayout() {
        return complete != null;
    }

    /** What the arrays are evaluated as. */
    public Kind kind() {
        return kind;
    }

    /** Feature names in the order {@link #predict} expects. */
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public int dimensions() {
        return featureNames.size();
    }

    /** The value to pass for a feature absent from a Tribuo Example: 0 for Tribuo trees, NaN (missing) for XGBoost. */
    public double absentFeatureValue() {
        return kind == Kind.XGBOOST ? Double.NaN : 0.0;
    }

    /** Number of trees. */
    public int treeCount() {
        return roots.length;
    }

    /** Number of nodes over all trees. */
    public int nodeCount() {
        return feature.length;
    }

    /** A copy of the first node of each tree. */
    public int[] roots() {
        return roots.clone();
    }

    /** A copy of each node's split feature, -1 for a leaf. */
    public int[] nodeFeatures() {
        return feature.clone();
    }

    /** A copy of each split's low child ({@code x <= t} for Tribuo, {@code x < t} for XGBoost), -1 for a leaf. */
    public int[] lowChildren() {
        return low.clone();
    }

    /** A copy of each split's high child, -1 for a leaf. */
    public int[] highChildren() {
        return high.clone();
    }

    /** A copy of each XGBoost split's child for a missing value, -1 for a leaf; null for Tribuo trees. */
    public int[] missingChildren() {
        return missing == null ? null : missing.clone();
    }

    /** A copy of each Tribuo node's threshold or leaf value; null for XGBoost. */
    public double[] values() {
        return value == null ? null : value.clone();
    }

    /** A copy of each XGBoost node's threshold or leaf value; null for Tribuo trees. */
    public float[] floatValues() {
        return valueFloat == null ? null : valueFloat.clone();
    }

    /** A copy of the members' weights of an averaged ensemble; null otherwise. */
    public float[] memberWeights() {
        return memberWeights == null ? null : memberWeights.clone();
    }

    /** XGBoost's base score (0 for Tribuo trees). */
    public float baseScore() {
        return baseScore;
    }

    @Override
    public String toString() {
        return "CompiledTreeEnsemble[" + kind + ", trees=" + roots.length + ", nodes=" + feature.length
                + ", features=" + featureNames.size() + "]";
    }
}
