package io.github.runtimeestimator.training.internal;

import io.github.runtimeestimator.models.internal.compiled.FastKnn;
import io.github.runtimeestimator.models.internal.CompiledRegressor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The check training runs on every estimator before it is returned: on every training row, the compiled
 * regressor (what predictions and artifacts use) predicts exactly, bit for bit, what the reference predicts.
 * The reference is the Tribuo model itself for trees, forests, XGBoost and linear models; for k-NN, whose Tribuo
 * 4.3.2 combiner returns the k-th neighbour's target rather than the mean, it is a brute-force mean of the k
 * nearest training vectors (distance ties broken by training order).
 */
public final class CompiledEquality {
    private CompiledEquality() {
    }

    /**
     * Compares the two on {@code rows} (raw features in {@code featureSetNames} order).
     *
     * @throws IllegalStateException naming the first row where the two differ (a bug in a compiled evaluator)
     */
    public static void verify(CompiledRegressor compiled, TribuoStepModel reference, List<String> featureSetNames,
                              double[][] rows, double[] baselines) {
        double[] expected = compiled.evaluator() instanceof FastKnn knn
                ? bruteForceKnn(compiled, knn, featureSetNames, rows, baselines)
                : reference.predictSeconds(rows, baselines);
        double[] scratch = new double[compiled.inputCount()];
        for (int i = 0; i < rows.length; i++) {
            double actual = compiled.predictSeconds(rows[i], baselines[i], scratch);
            if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(expected[i])) {
                throw new IllegalStateException("the compiled " + compiled.evaluator() + " predicts " + actual
                        + " s on training row " + i + ", the reference " + expected[i] + " s: a compiled evaluator"
                        + " no longer reproduces its model");
            }
        }
    }

    private static double[] bruteForceKnn(CompiledRegressor compiled, FastKnn knn, List<String> featureSetNames,
                                          double[][] rows, double[] baselines) {
        double[] points = knn.points();
        double[] targets = knn.targets();
        int d = knn.dimensions();
        int n = targets.length;
        List<String> inputs = compiled.inputs();
        double[] means = compiled.means();
        double[] scales = compiled.scales();
        int[] position = new int[d];
        for (int i = 0; i < d; i++) {
            position[i] = featureSetNames.indexOf(inputs.get(i));
        }
        double[] out = new double[rows.length];
        Integer[] index = new Integer[n];
        double[] distance = new double[n];
        for (int r = 0; r < rows.length; r++) {
            double[] q = new double[d];
            for (int i = 0; i < d; i++) {
                q[i] = (rows[r][position[i]] - means[i]) / scales[i];
            }
            for (int p = 0; p < n; p++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    double diff = points[p * d + j] - q[j];
                    sum += diff * diff;
                }
                distance[p] = Math.sqrt(sum);
                index[p] = p;
            }
            Arrays.sort(index, Comparator.comparingDouble((Integer p) -> distance[p]).thenComparingInt(p -> p));
            double sum = 0;
            for (int k = 0; k < knn.k(); k++) {
                sum += targets[index[k]];
            }
            out[r] = compiled.target().seconds(sum / knn.k(), baselines[r]);
        }
        return out;
    }
}
