package io.github.runtimeestimator.benchmarks;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.training.internal.DefaultEstimatorBuilder;
import io.github.runtimeestimator.training.EstimatorTrainer;
import io.github.runtimeestimator.training.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What users call: {@code RuntimeEstimator.predict} on the default estimator ({@code loadDefault()}) and on
 * estimators of each trainer kind trained here (default hyper-parameters, the H100 file), compiled path and
 * Tribuo-native path ({@link TribuoPath}, the same model predicting through Tribuo); feature extraction alone; a
 * 10,000-spec
 * {@code predictAll}; throughput with 1 and 2 threads. Specs cycle through every row of the shipped datasets
 * (every phase: epochs and jobs are composed from a step).
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EstimatorBenchmark {
    static final int BATCH_SPECS = 10_000;

    /** The specs: every row of every shipped dataset, in file order. */
    static List<WorkloadSpec> specs() {
        List<WorkloadSpec> out = new ArrayList<>();
        for (io.github.runtimeestimator.core.Measurement m : BenchmarkData.allDatasets()) {
            out.add(m.workload());
        }
        return out;
    }

    /** Round-robin spec index, per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int next(int size) {
            int i = next;
            next = i + 1 == size ? 0 : i + 1;
            return i;
        }
    }

    /** The default estimator, compiled (what loadDefault returns) or through Tribuo. */
    @State(Scope.Benchmark)
    public static class Default {
        @Param({"compiled", "tribuo"})
        public String path;
        RuntimeEstimator estimator;
        List<WorkloadSpec> specs;

        @Setup(Level.Trial)
        public void setup() {
            RuntimeEstimator loaded = RuntimeEstimator.loadDefault();
            // the shipped default holds no Tribuo model: the same configuration on the same data trains it again
            estimator = "tribuo".equals(path) ? new TribuoPath((TrainedEstimator) loaded, EstimatorTrainer.fit(
                    DefaultEstimatorBuilder.CONFIG, FeatureSets.physics(), BenchmarkData.allDatasets()).tribuo())
                    : loaded;
            specs = specs();
        }
    }

    /** An estimator of one trainer kind, default hyper-parameters, trained on the H100 file (2 folds for bounds). */
    @State(Scope.Benchmark)
    public static class Trained {
        @Param({"xgboost", "cart", "forest", "knn", "linear"})
        public String trainer;
        @Param({"compiled", "tribuo"})
        public String path;
        RuntimeEstimator estimator;
        List<WorkloadSpec> specs;

        @Setup(Level.Trial)
        public void setup() {
            TrainerConfig config = TrainerConfig.of(trainer, "physics");
            TrainedEstimator trained = EstimatorTrainer.train(config, BenchmarkData.load().measurements,
                    TrainingOptions.defaults().withFolds(2));
            estimator = "tribuo".equals(path) ? new TribuoPath(trained, EstimatorTrainer.fit(config,
                    FeatureSets.physics(), BenchmarkData.load().measurements).tribuo()) : trained;
            specs = specs();
        }
    }

    @State(Scope.Benchmark)
    public static class Features {
        FeatureExtractor physics = FeatureSets.physics();
        List<WorkloadSpec> specs;

        @Setup(Level.Trial)
        public void setup() {
            specs = new ArrayList<>();
            for (WorkloadSpec s : specs()) {
                specs.add(s.withJob(s.job().asSingleStep()));
            }
        }
    }

    @State(Scope.Thread)
    public static class FeatureBuffer {
        double[] values = new double[FeatureSets.physics().names().size()];
    }

    @State(Scope.Benchmark)
    public static class Batch {
        RuntimeEstimator estimator;
        List<WorkloadSpec> batch;

        @Setup(Level.Trial)
        public void setup() {
            estimator = RuntimeEstimator.loadDefault();
            List<WorkloadSpec> all = specs();
            batch = new ArrayList<>(BATCH_SPECS);
            for (int i = 0; i < BATCH_SPECS; i++) {
                batch.add(all.get(i % all.size()));
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Estimate defaultPredict(Default s, Cursor c) {
        return s.estimator.predict(s.specs.get(c.next(s.specs.size())));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Estimate trainedPredict(Trained s, Cursor c) {
        return s.estimator.predict(s.specs.get(c.next(s.specs.size())));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double[] physicsFeaturesOnly(Features s, FeatureBuffer b, Cursor c) {
        s.physics.extractInto(s.specs.get(c.next(s.specs.size())), b.values);
        return b.values;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Estimate> defaultPredictAll10k(Batch s) {
        return s.estimator.predictAll(s.batch);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public Estimate defaultThroughput1Thread(Batch s, Cursor c) {
        return s.estimator.predict(s.batch.get(c.next(BATCH_SPECS)));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Estimate defaultThroughput2Threads(Batch s, Cursor c) {
        return s.estimator.predict(s.batch.get(c.next(BATCH_SPECS)));
    }
}
