package io.github.runtimeestimator.models.internal.compiled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compiled evaluators in pure Java: the complete-tree layout equals the node-by-node traversal, and the
 * factories refuse arrays that could loop, index out of bounds or produce a non-finite prediction.
 */
class CompiledEvaluatorRulesTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");

    /** Random xgboost-like trees of depth at most {@code maxDepth}, as flat arrays. */
    private static final class Forest {
        final List<Integer> feature = new ArrayList<>();
        final List<Integer> low = new ArrayList<>();
        final List<Integer> high = new ArrayList<>();
        final List<Integer> missing = new ArrayList<>();
        final List<Float> value = new ArrayList<>();
        final int[] roots;

        Forest(Random r, int trees, int maxDepth) {
            roots = new int[trees];
            for (int t = 0; t < trees; t++) {
                roots[t] = node(r, maxDepth, true);
            }
        }

        private int node(Random r, int depth, boolean split) {
            int i = feature.size();
            feature.add(-1);
            low.add(-1);
            high.add(-1);
            missing.add(-1);
            value.add((float) (0.1 * r.nextGaussian()));
            if (depth > 0 && (split || r.nextInt(4) != 0)) {
                int l = node(r, depth - 1, false);
                int h = node(r, depth - 1, false);
                feature.set(i, r.nextInt(NAMES.size()));
                low.set(i, l);
                high.set(i, h);
                missing.set(i, r.nextBoolean() ? l : h);
                value.set(i, (float) (r.nextInt(5) - 2 + (r.nextBoolean() ? 0 : r.nextGaussian())));
            }
            return i;
        }

        CompiledTreeEnsemble xgboost() {
            float[] v = new float[value.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = value.get(i);
            }
            return CompiledTreeEnsemble.xgboost(NAMES, 0.5f, roots, ints(feature), ints(low), ints(high),
                    ints(missing), v);
        }

        private static int[] ints(List<Integer> l) {
            return l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    @Test
    void theCompleteLayoutEqualsTheNodeByNodeTraversalBitForBit() {
        Random random = new Random(3);
        for (int depth : new int[] {1, 3, 6, 8}) {
            CompiledTreeEnsemble compiled = new Forest(random, 37, depth).xgboost();
            assertThat(compiled.usesCompleteLayout()).isTrue();
            for (int r = 0; r < 5_000; r++) {
                double[] x = new double[NAMES.size()];
                for (int j = 0; j < x.length; j++) {
                    // exact ties with thresholds via small integers, zeros, infinities, some NaN (missing)
                    int pick = random.nextInt(12);
                    x[j] = pick == 0 ? 0.0 : pick == 1 ? random.nextInt(5) - 2 : pick == 2 && r % 7 == 0 ? Double.NaN
                            : pick == 3 ? Double.POSITIVE_INFINITY : pick == 4 ? -Double.MAX_VALUE
                            : random.nextGaussian() * 3;
                }
                assertThat(compiled.predict(x)).isEqualTo(compiled.predictXGBoostNodes(x));
            }
        }
    }

    @Test
    void deeperTreesAndTooManySlotsWalkNodes() {
        CompiledTreeEnsemble deep = new Forest(new Random(1), 3, 9).xgboost();
        assertThat(deep.usesCompleteLayout()).isFalse();
        assertThat(deep.predict(new double[] {1, 2, 3, 4, 5})).isEqualTo(deep.predictXGBoostNodes(
                new double[] {1, 2, 3, 4, 5}));
    }

    @Test
    void aTreeThatLoopsOrSharesASubtreeIsRefused() {
        // 0 splits into 1 and 2; 2 points back at 0
        assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, new int[] {0, -1, 1},
                new int[] {1, -1, 0}, new int[] {2, -1, 1}, new double[] {0, 1, 0}))
                .isInstanceOfSatisfying(InvalidModelException.class,
                        e -> assertThat(e.field()).isEqualTo("roots[0]")).hasMessageContaining("reached twice");
        // two trees sharing leaf 1
        assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoAveraged(NAMES, new int[] {0, 3}, new float[] {1, 1},
                new int[] {0, -1, -1, 1, -1}, new int[] {1, -1, -1, 1, -1}, new int[] {2, -1, -1, 4, -1},
                new double[] {0, 1, 2, 0, 3})).hasMessageContaining("reached twice");
        // a node whose children are the same node
        assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, new int[] {0, -1},
                new int[] {1, -1}, new int[] {1, -1}, new double[] {0, 1})).hasMessageContaining("reached twice");
    }

    @Test
    void aChainDeeperThanTheCapIsRefusedWithoutOverflowingTheStackAndOneWithinItIsEvaluated() {
        for (int depth : new int[] {EvaluatorLimits.MAX_DEPTH, EvaluatorLimits.MAX_DEPTH + 1, 100_000}) {
            int n = 2 * depth + 1;
            int[] feature = new int[n];
            int[] low = new int[n];
            int[] high = new int[n];
            double[] value = new double[n];
            // split i (0..depth-1) has leaf child depth+i and goes on to split i+1; the last goes to leaf 2*depth
            for (int i = 0; i < depth; i++) {
                feature[i] = 0;
                low[i] = depth + i;
                high[i] = i + 1 < depth ? i + 1 : 2 * depth;
                value[i] = i;
            }
            for (int i = depth; i < n; i++) {
                feature[i] = -1;
                low[i] = -1;
                high[i] = -1;
                value[i] = i;
            }
            if (depth <= EvaluatorLimits.MAX_DEPTH) {
                CompiledTreeEnsemble chain = CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, feature, low,
                        high, value);
                assertThat(chain.predict(new double[] {1e9, 0, 0, 0, 0})).isEqualTo(2.0 * depth);
            } else {
                assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, feature, low, high,
                        value)).hasMessageContaining("deeper than " + EvaluatorLimits.MAX_DEPTH);
            }
        }
    }

    @Test
    void nodesNoRootReachesAreAllowedButMustBeWellFormed() {
        // node 3 is an orphan leaf, as xgboost keeps pruned nodes
        CompiledTreeEnsemble t = CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, new int[] {2, -1, -1, -1},
                new int[] {1, -1, -1, -1}, new int[] {2, -1, -1, -1}, new double[] {0.5, 1, 2, 3});
        assertThat(t.predict(new double[] {0, 0, 1, 0, 0})).isEqualTo(2.0);
        assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, new int[] {2, -1, -1, -1},
                new int[] {1, -1, -1, 7}, new int[] {2, -1, -1, -1}, new double[] {0.5, 1, 2, 3}))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.field()).isEqualTo("low[3]"));
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheElement() {
        assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, new int[] {0, -1, -1},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, Double.NaN, 1}))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.field()).isEqualTo("value[1]"));
        assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, new int[] {0, -1, -1},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {Double.POSITIVE_INFINITY, 0, 1}))
                .hasMessageContaining("value[0]: threshold Infinity must be finite");
        assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, new int[] {0, -1, -1},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, 1e31, 1}))
                .hasMessageContaining("value[1]");
        assertThatThrownBy(() -> CompiledTreeEnsemble.xgboost(NAMES, Float.NaN, new int[] {0}, new int[] {-1},
                new int[] {-1}, new int[] {-1}, new int[] {-1}, new float[] {1}))
                .hasMessageContaining("baseScore");
        assertThatThrownBy(() -> CompiledTreeEnsemble.xgboost(NAMES, 0f, new int[] {0}, new int[] {1, -1, -1},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {0, -1, -1}, new float[] {0, 1, 2}))
                .hasMessageContaining("missing[0]");
        assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoAveraged(NAMES, new int[] {0}, new float[] {0f},
                new int[] {-1}, new int[] {-1}, new int[] {-1}, new double[] {1}))
                .hasMessageContaining("weight[0]");
        assertThatThrownBy(() -> CompiledTreeEnsemble.tribuoTree(NAMES, new int[] {0}, new int[] {5, -1, -1},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, 1, 2}))
                .hasMessageContaining("feature[0]: feature 5 outside 0..4");
    }

    @Test
    void knnAnswersFiniteValuesForExtremeQueries() {
        FastKnn knn = FastKnn.ofRowMajor(new double[] {0, 0, 1, 1, 2, 2}, new double[] {1, 2, 3}, 2, 2,
                FastKnn.Combination.MEAN);
        assertThat(knn.predict(new double[] {Double.POSITIVE_INFINITY, 0})).isEqualTo(1.5);
        assertThat(knn.predict(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})).isEqualTo(1.5);
        assertThat(knn.predict(new double[] {1e200, -1e200})).isFinite();
        assertThatThrownBy(() -> FastKnn.ofRowMajor(new double[] {0, Double.NaN}, new double[] {1}, 2, 1,
                FastKnn.Combination.MEAN)).hasMessageContaining("points[1]");
        assertThatThrownBy(() -> FastKnn.ofRowMajor(new double[] {0, 0, 0}, new double[] {1}, 2, 1,
                FastKnn.Combination.MEAN)).hasMessageContaining("points: count 3 but 1 rows x 2 dimensions");
        assertThatThrownBy(() -> FastKnn.ofRowMajor(new double[] {0}, new double[] {1e31}, 1, 1,
                FastKnn.Combination.MEAN)).hasMessageContaining("targets[0]");
    }

    @Test
    void linearModelsRefuseUnorderedOrOutOfRangeIndices() {
        assertThat(CompiledLinear.of(NAMES, new int[] {0, 5}, new double[] {2, 1}, new double[] {0, 0},
                new double[] {1, 1}, 1, 0).predict(new double[] {3, 0, 0, 0, 0})).isEqualTo(7.0);
        assertThatThrownBy(() -> CompiledLinear.of(NAMES, new int[] {1, 1}, new double[] {1, 1}, new double[2],
                new double[] {1, 1}, 1, 0)).hasMessageContaining("active[1]");
        assertThatThrownBy(() -> CompiledLinear.of(NAMES, new int[] {6}, new double[] {1}, new double[1],
                new double[] {1}, 1, 0)).hasMessageContaining("active[0]");
        assertThatThrownBy(() -> CompiledLinear.of(NAMES, new int[] {0}, new double[] {1}, new double[1],
                new double[] {Double.POSITIVE_INFINITY}, 1, 0)).hasMessageContaining("inv_scale[0]");
        assertThatThrownBy(() -> CompiledLinear.of(NAMES, new int[] {0}, new double[] {1, 2}, new double[1],
                new double[] {1}, 1, 0)).hasMessageContaining("weight: count 2 but 1 active");
    }
}
