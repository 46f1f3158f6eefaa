package io.github.runtimeestimator.benchmarks;

import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.internal.compiled.FastKnn;
import io.github.runtimeestimator.models.internal.compiled.FeatureOrder;
import io.github.runtimeestimator.training.internal.TribuoCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.Regressor;

/**
 * Single-call predict latency, Tribuo's path against the compiled one, cycling through the H100 rows.
 * Each call of a Tribuo benchmark passes a prebuilt Example (building it is not timed).
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PredictLatencyBenchmark {

    /** Round-robin row index, per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int next(int size) {
            int i = next;
            next = i + 1 == size ? 0 : i + 1;
            return i;
        }
    }

    @State(Scope.Benchmark)
    public static class XGBoost {
        XGBoostModel<Regressor> model;
        CompiledTreeEnsemble compiled;
        List<Example<Regressor>> examples;
        double[][] x;

        @Setup
        public void setup() {
            BenchmarkData data = BenchmarkData.load();
            model = Models.xgboost(data);
            compiled = TribuoCompiler.trees(model);
            examples = data.examples(data.rows);
            x = Models.modelOrder(model, data.rows);
        }
    }

    @State(Scope.Benchmark)
    public static class Cart {
        TreeModel<Regressor> model;
        CompiledTreeEnsemble compiled;
        List<Example<Regressor>> examples;
        double[][] x;

        @Setup
        public void setup() {
            BenchmarkData data = BenchmarkData.load();
            model = Models.cart(data);
            compiled = TribuoCompiler.trees(model);
            examples = data.examples(data.rows);
            x = Models.modelOrder(model, data.rows);
        }
    }

    @State(Scope.Benchmark)
    public static class Forest {
        WeightedEnsembleModel<Regressor> model;
        CompiledTreeEnsemble compiled;
        List<Example<Regressor>> examples;
        double[][] x;

        @Setup
        public void setup() {
            BenchmarkData data = BenchmarkData.load();
            model = Models.forest(data);
            compiled = TribuoCompiler.trees(model);
            examples = data.examples(data.rows);
            x = Models.modelOrder(model, data.rows);
        }
    }

    @State(Scope.Benchmark)
    public static class Knn {
        KNNModel<Regressor> model;
        FastKnn fast;
        List<Example<Regressor>> examples;
        double[][] x;

        @Setup
        public void setup() {
            BenchmarkData data = BenchmarkData.load();
            double[][] standardized = data.standardized();
            model = Models.knn(data, standardized);
            fast = TribuoCompiler.knn(model, FastKnn.Combination.TRIBUO_4_3_AVERAGING_COMBINER);
            examples = data.examples(standardized);
            x = Models.modelOrder(model, standardized);
        }
    }

    /**
     * The path a default estimator takes: physics features of a WorkloadSpec, reordered into the model's
     * feature order, a compiled 300-tree XGBoost trained on those features, exp() of its ln(seconds).
     */
    @State(Scope.Thread)
    public static class PhysicsPath {
        FeatureExtractor physics;
        List<WorkloadSpec> workloads;
        CompiledTreeEnsemble compiled;
        FeatureOrder order;
        double[] features;
        double[] modelOrder;

        @Setup
        public void setup() {
            BenchmarkData data = BenchmarkData.load();
            physics = FeatureSets.physics();
            workloads = data.stepWorkloads;
            List<Example<Regressor>> examples = new ArrayList<>();
            String[] names = physics.names().toArray(new String[0]);
            for (int i = 0; i < workloads.size(); i++) {
                examples.add(new ArrayExample<>(new Regressor("ln_time_s", data.stepTargets[i]), names,
                        physics.extract(workloads.get(i)).values()));
            }
            XGBoostModel<Regressor> model = Models.xgboostOn(examples);
            compiled = TribuoCompiler.trees(model);
            order = FeatureOrder.of(compiled.featureNames(), physics.names());
            features = new double[physics.names().size()];
            modelOrder = new double[order.size()];
        }
    }

    @Benchmark
    public double xgboostTribuo(XGBoost s, Cursor c) {
        return s.model.predict(s.examples.get(c.next(s.examples.size()))).getOutput().getValues()[0];
    }

    @Benchmark
    public double xgboostCompiled(XGBoost s, Cursor c) {
        return s.compiled.predict(s.x[c.next(s.x.length)]);
    }

    @Benchmark
    public double cartTribuo(Cart s, Cursor c) {
        return s.model.predict(s.examples.get(c.next(s.examples.size()))).getOutput().getValues()[0];
    }

    @Benchmark
    public double cartCompiled(Cart s, Cursor c) {
        return s.compiled.predict(s.x[c.next(s.x.length)]);
    }

    @Benchmark
    public double forestTribuo(Forest s, Cursor c) {
        return s.model.predict(s.examples.get(c.next(s.examples.size()))).getOutput().getValues()[0];
    }

    @Benchmark
    public double forestCompiled(Forest s, Cursor c) {
        return s.compiled.predict(s.x[c.next(s.x.length)]);
    }

    @Benchmark
    public double knnTribuo(Knn s, Cursor c) {
        return s.model.predict(s.examples.get(c.next(s.examples.size()))).getOutput().getValues()[0];
    }

    @Benchmark
    public double knnFast(Knn s, Cursor c) {
        return s.fast.predict(s.x[c.next(s.x.length)]);
    }

    @Benchmark
    public double physicsFeaturesOnly(PhysicsPath s, Cursor c) {
        s.physics.extractInto(s.workloads.get(c.next(s.workloads.size())), s.features);
        return s.features[0];
    }

    @Benchmark
    public double physicsFeaturesPlusCompiledXGBoost(PhysicsPath s, Cursor c) {
        s.physics.extractInto(s.workloads.get(c.next(s.workloads.size())), s.features);
        s.order.reorder(s.features, s.modelOrder);
        return Math.exp(s.compiled.predict(s.modelOrder));
    }
}
