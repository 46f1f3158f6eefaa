package io.github.runtimeestimator.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.graph.HuggingFaceConfig;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import io.github.runtimeestimator.core.graph.TrainingGraph;
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
 * The operator-graph arithmetic an operator-level estimator runs per prediction, on a 24-layer transformer
 * (GPT-2 medium from its Hugging Face config, 512 tokens): a forward pass's FLOPs and bytes at a batch size
 * (one pass over the graph's distinct operators), the same for a training step, and the one-off costs of
 * building the graph and deriving its training step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class OperatorGraphBenchmark {

    /** GPT-2 medium: 1024 wide, 24 layers, 16 heads. */
    static final String CONFIG = "{\"model_type\": \"gpt2\", \"n_embd\": 1024, \"n_layer\": 24, \"n_head\": 16, "
            + "\"n_positions\": 1024, \"vocab_size\": 50257, \"activation_function\": \"gelu_new\"}";

    @State(Scope.Benchmark)
    public static class Transformer {
        JsonNode config;
        HuggingFaceConfig parsed;
        OperatorGraph forward;
        TrainingGraph training;
        int batch;

        @Setup
        public void setup() throws Exception {
            config = new ObjectMapper().readTree(CONFIG);
            parsed = HuggingFaceConfig.parse(config);
            forward = parsed.graph(512);
            training = TrainingGraph.derive(forward, Optimizer.ADAMW);
        }

        /** Batch sizes 1 to 64 in turn, so nothing is constant-folded. */
        long nextBatch() {
            batch = batch == 64 ? 1 : batch + 1;
            return batch;
        }
    }

    @Benchmark
    public double forwardFlopsAndBytes(Transformer t) {
        long b = t.nextBatch();
        return t.forward.flops(b) + t.forward.bytes(b, Precision.BF16);
    }

    @Benchmark
    public double trainingStepFlopsAndBytes(Transformer t) {
        long b = t.nextBatch();
        return t.training.flops(b) + t.training.bytes(b, Precision.BF16);
    }

    @Benchmark
    public Object deriveTrainingGraph(Transformer t) {
        return TrainingGraph.derive(t.forward, Optimizer.ADAMW);
    }

    @Benchmark
    public Object graphFromConfig(Transformer t) {
        return HuggingFaceConfig.parse(t.config).graph(512);
    }
}
