package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.internal.compiled.CompiledEvaluator;
import io.github.runtimeestimator.models.internal.compiled.CompiledLinear;
import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.internal.compiled.FastKnn;
import io.github.runtimeestimator.models.internal.CompiledRegressor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Estimators of every evaluator kind built in pure Java from seeded random arrays over the {@code physics}
 * feature set, standardized by the shipped datasets' statistics: artifacts to break without training anything
 * (this module has no trainer).
 */
final class SyntheticEstimators {
    static final FeatureExtractor PHYSICS = FeatureSets.physics();

    private SyntheticEstimators() {
    }

    /** One estimator per evaluator kind: tribuo tree, averaged trees, xgboost, knn, linear. */
    static List<TrainedEstimator> all(long seed) {
        return List.of(tree(seed), forest(seed + 1), xgboost(seed + 2), knn(seed + 3), linear(seed + 4));
    }

    static TrainedEstimator tree(long seed) {
        Random r = new Random(seed);
        List<String> inputs = inputs(r, 12);
        Nodes n = new Nodes();
        int root = n.tribuo(r, inputs.size(), 6, true);
        return estimator("cart", Target.LOG_SECONDS, inputs, r, CompiledTreeEnsemble.tribuoTree(inputs,
                new int[] {root}, n.feature(), n.low(), n.high(), n.value()));
    }

    static TrainedEstimator forest(long seed) {
        Random r = new Random(seed);
        List<String> inputs = inputs(r, 12);
        Nodes n = new Nodes();
        int[] roots = new int[5];
        float[] weights = new float[roots.length];
        for (int t = 0; t < roots.length; t++) {
            roots[t] = n.tribuo(r, inputs.size(), 5, true);
            weights[t] = 1f;
        }
        return estimator("forest", Target.LOG_SECONDS, inputs, r, CompiledTreeEnsemble.tribuoAveraged(inputs, roots,
                weights, n.feature(), n.low(), n.high(), n.value()));
    }

    static TrainedEstimator xgboost(long seed) {
        Random r = new Random(seed);
        List<String> inputs = inputs(r, 12);
        Nodes n = new Nodes();
        int[] roots = new int[20];
        for (int t = 0; t < roots.length; t++) {
            roots[t] = n.xgboost(r, inputs.size(), 4, true);
        }
        return estimator("xgboost", Target.LOG_SECONDS, inputs, r, CompiledTreeEnsemble.xgboost(inputs, -4.5f, roots,
                n.feature(), n.low(), n.high(), n.missing(), n.floatValue()));
    }

    static TrainedEstimator knn(long seed) {
        Random r = new Random(seed);
        List<String> inputs = inputs(r, 8);
        int rows = 60;
        double[] points = new double[rows * inputs.size()];
        double[] targets = new double[rows];
        for (int i = 0; i < points.length; i++) {
            points[i] = r.nextGaussian();
        }
        for (int i = 0; i < rows; i++) {
            targets[i] = 0.02 * Math.exp(r.nextGaussian());
        }
        return estimator("knn", Target.SECONDS, inputs, r, FastKnn.ofRowMajor(points, targets, inputs.size(), 3,
                FastKnn.Combination.MEAN));
    }

    static TrainedEstimator linear(long seed) {
        Random r = new Random(seed);
        List<String> inputs = inputs(r, 10);
        int[] active = new int[inputs.size() + 1];
        double[] weight = new double[active.length];
        double[] negMean = new double[active.length];
        double[] invScale = new double[active.length];
        for (int k = 0; k < active.length; k++) {
            active[k] = k;
            weight[k] = 0.3 * r.nextGaussian();
            negMean[k] = 0.1 * r.nextGaussian();
            invScale[k] = 1 + 0.1 * r.nextDouble();
        }
        return estimator("linear", Target.LOG_RATIO_TO_ROOFLINE, inputs, r, CompiledLinear.of(inputs, active, weight,
                negMean, invScale, 1.0, 1.5));
    }

    /** Workloads to predict: a seeded sample of dataset rows of every phase. */
    static List<WorkloadSpec> queries(int count, long seed) {
        List<WorkloadSpec> all = new ArrayList<>(DatasetWorkloads.all());
        Collections.shuffle(all, new Random(seed));
        List<WorkloadSpec> out = new ArrayList<>(all.subList(0, count));
        WorkloadSpec any = all.get(0);
        out.add(any.withJob(JobSpec.training(32, io.github.runtimeestimator.core.Optimizer.SGD, 0.1, 50_000, 3)));
        return out;
    }

    private static List<String> inputs(Random r, int count) {
        List<String> names = new ArrayList<>(PHYSICS.names());
        Collections.shuffle(names, r);
        List<String> inputs = new ArrayList<>(names.subList(0, count));
        Collections.sort(inputs); // Tribuo's id order
        return inputs;
    }

    private static TrainedEstimator estimator(String trainer, Target target, List<String> inputs, Random r,
                                              CompiledEvaluator evaluator) {
        double[][] stats = Statistics.of(inputs);
        CompiledRegressor regressor = CompiledRegressor.of(TrainedEstimator.STEP_REGRESSOR, PHYSICS.id(),
                PHYSICS.names(), inputs, stats[0], stats[1], target, evaluator);
        PhaseInterval infer = new PhaseInterval(-0.4 - r.nextDouble(), 0.3 + r.nextDouble(), 50, 0.8);
        PhaseInterval step = new PhaseInterval(-0.5, 0.6, 40, 0.78);
        return TrainedEstimator.builder()
                .config(new TrainerConfig(trainer, Map.of("trees", "100"), PHYSICS.id(), target, 7L))
                .resolvedHyperParameters(Map.of("trees", "100", "synthetic", "true"))
                .features(PHYSICS)
                .stepRegressor(regressor)
                .epochOverhead(new EpochOverhead(0.15, 0, 12, 0.2))
                .intervals(new PredictionIntervals(0.8, infer, Map.of("infer", infer, "train_step", step)))
                .trainingData(new TrainingSummary(102, 3, Map.of("infer", 50, "train_step", 40, "train_epoch", 12),
                        List.of("synthetic"), List.of("nvidia-h100-sxm-80gb"), List.of(), "2026-12-02", "test"))
                .heldOut(new HeldOutMetrics("synthetic", 3, 90, 0.01, 0.3, 0.4, 0.2, 0.45, 0.02))
                .build();
    }

    /** Means and standard deviations of physics features over the dataset rows. */
    private static final class Statistics {
        private static double[][] all;

        static synchronized double[][] of(List<String> inputs) {
            if (all == null) {
                List<WorkloadSpec> rows = DatasetWorkloads.all();
                int d = PHYSICS.names().size();
                double[] sum = new double[d];
                double[] sq = new double[d];
                double[] f = new double[d];
                for (WorkloadSpec w : rows) {
                    PHYSICS.extractInto(w.withJob(w.job().asSingleStep()), f);
                    for (int j = 0; j < d; j++) {
                        sum[j] += f[j];
                        sq[j] += f[j] * f[j];
                    }
                }
                double[] mean = new double[d];
                double[] sd = new double[d];
                for (int j = 0; j < d; j++) {
                    mean[j] = sum[j] / rows.size();
                    double var = sq[j] / rows.size() - mean[j] * mean[j];
                    sd[j] = var > 1e-12 * Math.max(1, mean[j] * mean[j]) ? Math.sqrt(var) : 1.0;
                }
                all = new double[][] {mean, sd};
            }
            double[] m = new double[inputs.size()];
            double[] s = new double[inputs.size()];
            for (int i = 0; i < m.length; i++) {
                int j = PHYSICS.names().indexOf(inputs.get(i));
                m[i] = all[0][j];
                s[i] = all[1][j];
            }
            return new double[][] {m, s};
        }
    }

    /** Growable node arrays for random trees. */
    private static final class Nodes {
        private final List<int[]> nodes = new ArrayList<>(); // feature, low, high, missing
        private final List<Double> values = new ArrayList<>();

        int tribuo(Random r, int features, int depth, boolean split) {
            int index = add(-1, -1, -1, -1, 0);
            if (depth == 0 || (!split && r.nextInt(5) == 0)) {
                values.set(index, -6 + 2 * r.nextGaussian());
                return index;
            }
            int low = tribuo(r, features, depth - 1, false);
            int high = tribuo(r, features, depth - 1, false);
            nodes.set(index, new int[] {r.nextInt(features), low, high, -1});
            values.set(index, r.nextGaussian());
            return index;
        }

        int xgboost(Random r, int features, int depth, boolean split) {
            int index = add(-1, -1, -1, -1, 0);
            if (depth == 0 || (!split && r.nextInt(6) == 0)) {
                values.set(index, (double) (float) (0.1 * r.nextGaussian()));
                return index;
            }
            int low = xgboost(r, features, depth - 1, false);
            int high = xgboost(r, features, depth - 1, false);
            nodes.set(index, new int[] {r.nextInt(features), low, high, r.nextBoolean() ? low : high});
            values.set(index, (double) (float) r.nextGaussian());
            return index;
        }

        private int add(int feature, int low, int high, int missing, double value) {
            nodes.add(new int[] {feature, low, high, missing});
            values.add(value);
            return nodes.size() - 1;
        }

        int[] feature() {
            return column(0);
        }

        int[] low() {
            return column(1);
        }

        int[] high() {
            return column(2);
        }

        int[] missing() {
            return column(3);
        }

        double[] value() {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }

        float[] floatValue() {
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i).floatValue();
            }
            return out;
        }

        private int[] column(int c) {
            return nodes.stream().mapToInt(n -> n[c]).toArray();
        }
    }
}
