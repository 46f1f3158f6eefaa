package io.github.runtimeestimator.models.internal.compiled;


/**
 * The structural rules of {@link CompiledTreeEnsemble}'s arrays, checked once when it is built: equal lengths,
 * indices in range, split thresholds finite, leaf outputs finite and bounded, and from every root a tree in
 * which no node is reached twice (so there is no cycle and no subtree shared between trees) and no path is
 * longer than {@link EvaluatorLimits#MAX_DEPTH}. Nodes no root reaches are allowed (xgboost keeps pruned nodes)
 * but must still be well formed. Iterative: a crafted deep tree cannot overflow the stack.
 */
final class TreeShape {
    private TreeShape() {
    }

    /** Checks the arrays and returns the depth of the deepest tree (0 when every tree is a single leaf). */
    static int check(CompiledTreeEnsemble.Kind kind, int dimensions, int[] roots, int[] feature, int[] low, int[] high,
                     int[] missing, double[] value, float[] valueFloat) {
        boolean xgboost = kind == CompiledTreeEnsemble.Kind.XGBOOST;
        int n = feature.length;
        EvaluatorLimits.requireCount("feature", n, 1, EvaluatorLimits.MAX_NODES);
        EvaluatorLimits.requireCount("roots", roots.length, 1, EvaluatorLimits.MAX_TREES);
        sameLength("low", low.length, n);
        sameLength("high", high.length, n);
        if (xgboost) {
            if (missing == null || valueFloat == null) {
                throw new InvalidModelException(missing == null ? "missing" : "value", "is required for xgboost");
            }
            sameLength("missing", missing.length, n);
            sameLength("value", valueFloat.length, n);
        } else {
            if (value == null) {
                throw new InvalidModelException("value", "is required");
            }
            sameLength("value", value.length, n);
        }
        for (int i = 0; i < n; i++) {
            checkNode(i, xgboost, dimensions, feature, low, high, missing, value, valueFloat);
        }
        boolean[] reached = new boolean[n];
        int[] stackNode = new int[Math.min(n, 2 * EvaluatorLimits.MAX_DEPTH + 2)];
        int[] stackDepth = new int[stackNode.length];
        int deepest = 0;
        for (int t = 0; t < roots.length; t++) {
            int root = roots[t];
            if (root < 0 || root >= n) {
                throw new InvalidModelException("roots[" + t + "]", "node " + root + " outside 0.." + (n - 1));
            }
            int top = 0;
            stackNode[top] = root;
            stackDepth[top++] = 0;
            while (top > 0) {
                int node = stackNode[--top];
                int depth = stackDepth[top];
                if (reached[node]) {
                    throw new InvalidModelException("roots[" + t + "]", "node " + node
                            + " is reached twice: a cycle, or a subtree shared between trees");
                }
                reached[node] = true;
                if (feature[node] < 0) {
                    deepest = Math.max(deepest, depth);
                    continue;
                }
                if (depth + 1 > EvaluatorLimits.MAX_DEPTH) {
                    throw new InvalidModelException("roots[" + t + "]", "tree is deeper than "
                            + EvaluatorLimits.MAX_DEPTH);
                }
                // depth-first with at most one pending sibling per level: the stack never exceeds 2 x depth + 2
                if (top + 2 > stackNode.length) {
                    throw new InvalidModelException("roots[" + t + "]", "tree is deeper than "
                            + EvaluatorLimits.MAX_DEPTH);
                }
                stackNode[top] = high[node];
                stackDepth[top++] = depth + 1;
                stackNode[top] = low[node];
                stackDepth[top++] = depth + 1;
            }
        }
        return deepest;
    }

    private static void checkNode(int i, boolean xgboost, int dimensions, int[] feature, int[] low, int[] high,
                                  int[] missing, double[] value, float[] valueFloat) {
        int n = feature.length;
        double v = xgboost ? valueFloat[i] : value[i];
        if (feature[i] == -1) {
            if (low[i] != -1 || high[i] != -1 || (xgboost && missing[i] != -1)) {
                throw new InvalidModelException("low[" + i + "]", "a leaf (feature -1) must have children -1");
            }
            EvaluatorLimits.requireFinite("value[" + i + "]", v, EvaluatorLimits.MAX_ABS_VALUE);
            return;
        }
        if (feature[i] < 0 || feature[i] >= dimensions) {
            throw new InvalidModelException("feature[" + i + "]", "feature " + feature[i] + " outside 0.."
                    + (dimensions - 1) + " (or -1 for a leaf)");
        }
        if (low[i] < 0 || low[i] >= n) {
            throw new InvalidModelException("low[" + i + "]", "child " + low[i] + " outside 0.." + (n - 1));
        }
        if (high[i] < 0 || high[i] >= n) {
            throw new InvalidModelException("high[" + i + "]", "child " + high[i] + " outside 0.." + (n - 1));
        }
        if (xgboost && missing[i] != low[i] && missing[i] != high[i]) {
            throw new InvalidModelException("missing[" + i + "]", "child " + missing[i]
                    + " is neither the low (" + low[i] + ") nor the high (" + high[i] + ") child");
        }
        if (!Double.isFinite(v)) {
            throw new InvalidModelException("value[" + i + "]", "threshold " + v + " must be finite");
        }
    }

    private static void sameLength(String field, int length, int nodes) {
        if (length != nodes) {
            throw new InvalidModelException(field, "count " + length + " but " + nodes + " nodes");
        }
    }
}
