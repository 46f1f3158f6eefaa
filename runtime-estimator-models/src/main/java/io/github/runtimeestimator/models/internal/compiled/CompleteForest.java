package io.github.runtimeestimator.models.internal.compiled;


/**
 * XGBoost trees padded to complete binary trees of one depth {@code D} and stored in implicit (heap) order:
 * the children of node {@code i} are {@code 2i + 1} (left, {@code x < threshold}) and {@code 2i + 2}. A leaf
 * above depth {@code D} becomes a split whose subtrees all end in copies of that leaf, so every path has
 * exactly {@code D} steps, each {@code i = 2i + 1 + (x >= t ? 1 : 0)}. Four trees are walked interleaved to overlap
 * their loads; leaves are still added in tree order in float, so the sum equals the node-by-node traversal bit for
 * bit.
 *
 * <p>Missing values (NaN) follow each split's default direction, stored per slot ({@code nanStep}: 1 low, 2 high):
 * a NaN fails both {@code x < t} and {@code x >= t}, and only then is the default read. Inputs with NaN (the
 * per-operator model's one-hot variants and unknown figures are NaN) take this layout too, rather than the
 * node-by-node traversal, which was several times slower.
 */
final class CompleteForest {
    private final int trees;
    private final int depth;
    private final int internalPerTree;
    private final int leavesPerTree;
    private final int[] feature;   // trees x internalPerTree
    private final float[] threshold; // trees x internalPerTree
    private final float[] leaf;     // trees x leavesPerTree
    private final byte[] nanStep;   // trees x internalPerTree: the step a NaN input takes, 1 (low) or 2 (high)

    private CompleteForest(int trees, int depth, int[] feature, float[] threshold, float[] leaf, byte[] nanStep) {
        this.trees = trees;
        this.depth = depth;
        this.internalPerTree = (1 << depth) - 1;
        this.leavesPerTree = 1 << depth;
        this.feature = feature;
        this.threshold = threshold;
        this.leaf = leaf;
        this.nanStep = nanStep;
    }

    /**
     * Builds the layout of trees whose deepest path has {@code depth} splits (at most
     * {@link CompiledTreeEnsemble#MAX_COMPLETE_DEPTH}; the arrays were checked by {@link TreeShape}).
     */
    static CompleteForest of(int[] roots, int[] nodeFeature, int[] low, int[] high, int[] missing, float[] value,
                             int depth) {
        if (depth > CompiledTreeEnsemble.MAX_COMPLETE_DEPTH) {
            throw new IllegalArgumentException("depth " + depth + " exceeds " + CompiledTreeEnsemble.MAX_COMPLETE_DEPTH);
        }
        int internal = (1 << depth) - 1;
        int leaves = 1 << depth;
        int[] feature = new int[Math.multiplyExact(roots.length, internal)];
        float[] threshold = new float[feature.length];
        float[] leaf = new float[Math.multiplyExact(roots.length, leaves)];
        byte[] nanStep = new byte[feature.length];
        for (int t = 0; t < roots.length; t++) {
            fill(roots[t], 0, 0, depth, nodeFeature, low, high, missing, value,
                    feature, threshold, leaf, nanStep, t * internal, t * leaves);
        }
        return new CompleteForest(roots.length, depth, feature, threshold, leaf, nanStep);
    }

    /** Writes the subtree at {@code node} into implicit slot {@code slot} (at {@code level}) of one tree. */
    private static void fill(int node, int slot, int level, int depth, int[] nodeFeature, int[] low, int[] high,
                             int[] missing, float[] value, int[] feature, float[] threshold, float[] leaf,
                             byte[] nanStep, int internalBase, int leafBase) {
        if (level == depth) {
            leaf[leafBase + slot - ((1 << depth) - 1)] = value[node];
            return;
        }
        boolean isLeaf = nodeFeature[node] < 0;
        // a padded split: both subtrees are copies of the leaf, so its test does not matter
        feature[internalBase + slot] = isLeaf ? 0 : nodeFeature[node];
        threshold[internalBase + slot] = isLeaf ? 0f : value[node];
        nanStep[internalBase + slot] = (byte) (isLeaf || missing[node] == low[node] ? 1 : 2);
        fill(isLeaf ? node : low[node], 2 * slot + 1, level + 1, depth, nodeFeature, low, high, missing, value,
                feature, threshold, leaf, nanStep, internalBase, leafBase);
        fill(isLeaf ? node : high[node], 2 * slot + 2, level + 1, depth, nodeFeature, low, high, missing, value,
                feature, threshold, leaf, nanStep, internalBase, leafBase);
    }

    /**
     * {@code base} plus every tree's leaf, in tree order, in float. The input is read through {@code (float) x[j]},
     * as xgboost receives it from Tribuo; a NaN takes its split's default direction.
     */
    float sum(double[] x, float base) {
        for (double v : x) {
            if (v != v) {
                return sumWithMissing(x, base);
            }
        }
        final int[] f = feature;
        final float[] th = threshold;
        final float[] lv = leaf;
        final int d = depth;
        final int in = internalPerTree;
        final int lp = leavesPerTree;
        float sum = base;
        int t = 0;
        for (; t + 4 <= trees; t += 4) {
            int b0 = t * in;
            int b1 = b0 + in;
            int b2 = b1 + in;
            int b3 = b2 + in;
            int i0 = 0;
            int i1 = 0;
            int i2 = 0;
            int i3 = 0;
            for (int level = 0; level < d; level++) {
                i0 = 2 * i0 + ((float) x[f[b0 + i0]] < th[b0 + i0] ? 1 : 2);
                i1 = 2 * i1 + ((float) x[f[b1 + i1]] < th[b1 + i1] ? 1 : 2);
                i2 = 2 * i2 + ((float) x[f[b2 + i2]] < th[b2 + i2] ? 1 : 2);
                i3 = 2 * i3 + ((float) x[f[b3 + i3]] < th[b3 + i3] ? 1 : 2);
            }
            int l0 = t * lp - in;
            sum += lv[l0 + i0];
            sum += lv[l0 + lp + i1];
            sum += lv[l0 + 2 * lp + i2];
            sum += lv[l0 + 3 * lp + i3];
        }
        for (; t < trees; t++) {
            int b = t * in;
            int i = 0;
            for (int level = 0; level < d; level++) {
                i = 2 * i + ((float) x[f[b + i]] < th[b + i] ? 1 : 2);
            }
            sum += lv[t * lp - in + i];
        }
        return sum;
    }

    /**
     * {@link #sum} of an input holding a NaN: each step also reads the split's default direction. A separate loop,
     * so that inputs without NaN (every step-time regressor's) keep the branch-free walk above, which measured more
     * than twice as fast as one that also reads the directions.
     */
    private float sumWithMissing(double[] x, float base) {
        final int[] f = feature;
        final byte[] ns = nanStep;
        final float[] th = threshold;
        final float[] lv = leaf;
        final int d = depth;
        final int in = internalPerTree;
        final int lp = leavesPerTree;
        float sum = base;
        for (int t = 0; t < trees; t++) {
            int b = t * in;
            int i = 0;
            for (int level = 0; level < d; level++) {
                i = 2 * i + step((float) x[f[b + i]], th[b + i], ns[b + i]);
            }
            sum += lv[t * lp - in + i];
        }
        return sum;
    }

    /** 1 (low) when {@code v < t}, 2 (high) when {@code v >= t}, {@code nan} when {@code v} is NaN. */
    private static int step(float v, float t, byte nan) {
        return v < t ? 1 : v >= t ? 2 : nan;
    }

    int depth() {
        return depth;
    }
}
