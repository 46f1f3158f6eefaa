package io.github.runtimeestimator.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.HuggingFaceConfig;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import io.github.runtimeestimator.models.internal.DefaultEstimator;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.testing.RepositoryFiles;
import io.github.runtimeestimator.training.EstimatorTrainer;
import io.github.runtimeestimator.training.TrainingOptions;
import io.github.runtimeestimator.training.operators.KernelFiles;
import io.github.runtimeestimator.training.operators.OperatorModelTrainer;
import io.github.runtimeestimator.training.operators.OperatorTrainingOptions;
import java.util.List;
import java.util.Map;
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

/**
 * Predict latency of the operator-graph path (issue 10, item 7) against the present default, in the same run, on a
 * 24-layer transformer (GPT-2 medium from its Hugging Face config, 512 tokens, its graph on the spec) on an H100:
 * an inference batch and an AdamW training step, batch sizes 1 to 64 in turn.
 *
 * <p>The per-operator model has the shipped shape (the trainer's defaults: 300 trees of depth 8 per family), fitted
 * in the setup on a sample of this project's CPU kernel rows: latency depends on the trees' number and depth, not
 * on which rows fitted them. The correction is the default's trainer (100 monotone XGBoost trees) on the H100 rows.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class OperatorGraphPredictBenchmark {

    @State(Scope.Benchmark)
    public static class Estimators {
        TrainedEstimator present;
        TrainedEstimator opgraph;
        WorkloadSpec[] inference = new WorkloadSpec[64];
        WorkloadSpec[] training = new WorkloadSpec[64];

        @Setup
        public void setup() throws Exception {
            present = DefaultEstimator.get();
            KernelFiles kernels = KernelFiles.read(List.of(RepositoryFiles.dataset("kernels/epyc2-kernels-cpu.csv")),
                    HardwareCatalog.builtIn());
            OperatorModel operators = new OperatorModelTrainer(OperatorTrainingOptions.DEFAULTS
                    .withMaxRowsPerDevice(1500)).train(kernels.measurements(), kernels.sources());
            TrainerConfig config = TrainerConfig.of("xgboost", OperatorGraphFeatures.ID)
                    .withTarget(Target.LOG_RATIO_TO_OPERATOR_SUM)
                    .withHyperParameters(Map.of("trees", "100", "monotone", "true"));
            opgraph = EstimatorTrainer.train(config, new OperatorGraphFeatures(operators),
                    BenchmarkData.load().measurements, TrainingOptions.defaults().withGroupedIntervals(false));
            OperatorGraph graph = HuggingFaceConfig.parse(new ObjectMapper().readTree(OperatorGraphBenchmark.CONFIG))
                    .graph(512);
            ModelSpec model = ModelSpec.fromGraph("gpt2_medium_512", "transformer", graph);
            var h100 = HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb");
            for (int b = 1; b <= 64; b++) {
                inference[b - 1] = WorkloadSpec.builder().model(model).job(JobSpec.inference(b))
                        .precision(Precision.BF16).hardware(h100).build();
                training[b - 1] = WorkloadSpec.builder().model(model)
                        .job(JobSpec.trainingStep(b, Optimizer.ADAMW, 1e-4)).precision(Precision.BF16)
                        .hardware(h100).build();
            }
        }
    }

    /** Batch sizes 1 to 64 in turn, per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int next() {
            int i = next;
            next = i == 63 ? 0 : i + 1;
            return i;
        }
    }

    @Benchmark
    public Estimate presentInference(Estimators e, Cursor c) {
        return e.present.predict(e.inference[c.next()]);
    }

    @Benchmark
    public Estimate opgraphInference(Estimators e, Cursor c) {
        return e.opgraph.predict(e.inference[c.next()]);
    }

    @Benchmark
    public Estimate presentTrainingStep(Estimators e, Cursor c) {
        return e.present.predict(e.training[c.next()]);
    }

    @Benchmark
    public Estimate opgraphTrainingStep(Estimators e, Cursor c) {
        return e.opgraph.predict(e.training[c.next()]);
    }
}
