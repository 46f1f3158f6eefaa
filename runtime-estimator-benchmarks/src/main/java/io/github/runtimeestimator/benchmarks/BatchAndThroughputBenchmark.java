package io.github.runtimeestimator.benchmarks;

import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.regression.Regressor;

/**
 * Batch prediction of 10,000 rows (the H100 rows repeated) and single-call throughput with 1 and 2 threads,
 * for the 300-tree XGBoost model.
 */
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class BatchAndThroughputBenchmark {
    static final int BATCH_ROWS = 10_000;

    @State(Scope.Benchmark)
    public static class Batch {
        XGBoostModel<Regressor> model;
        CompiledTreeEnsemble compiled;
        double[][] x;
        double[] out;
        List<Example<Regressor>> examples;

        @Setup
        public void setup() {
            BenchmarkData data = BenchmarkData.load();
            model = Models.xgboost(data);
            compiled = TribuoCompiler.trees(model);
            double[][] rows = Models.modelOrder(model, data.rows);
            x = new double[BATCH_ROWS][];
            examples = new ArrayList<>(BATCH_ROWS);
            List<Example<Regressor>> all = data.examples(data.rows);
            for (int i = 0; i < BATCH_ROWS; i++) {
                x[i] = rows[i % rows.length];
                examples.add(all.get(i % rows.length));
            }
            out = new double[BATCH_ROWS];
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[] batch10kCompiledXGBoost(Batch s) {
        s.compiled.predictBatch(s.x, s.out);
        return s.out;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object batch10kTribuoXGBoost(Batch s) {
        return s.model.predict(s.examples);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public double throughputCompiledXGBoost1Thread(Batch s, Cursor c) {
        int i = c.next;
        c.next = i + 1 == BATCH_ROWS ? 0 : i + 1;
        return s.compiled.predict(s.x[i]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public double throughputCompiledXGBoost2Threads(Batch s, Cursor c) {
        int i = c.next;
        c.next = i + 1 == BATCH_ROWS ? 0 : i + 1;
        return s.compiled.predict(s.x[i]);
    }
}
