package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.graph.CodeDefinedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped default never predicts less time for more work, everything else fixed: a larger batch (inference
 * batch and training step), a longer sequence (every token model the collector defines, 32 to 512 tokens), more
 * epochs and a larger dataset (whole training jobs). Swept over every model of the built-in model catalogue and
 * every device of the built-in hardware catalogue, in fp32 and bf16.
 */
class MonotoneShapeTest {
    private static final int[] BATCHES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
    private static final int[] TOKENS = {32, 64, 128, 256, 384, 512};
    private static final Precision[] PRECISIONS = {Precision.FP32, Precision.BF16};
    private static final List<String> TOKEN_MODELS = List.of("bert_tiny", "bert_mini", "bert_small", "bert_medium",
            "bert_base", "bert_large", "gpt2_small", "tfenc_256_4", "tfenc_512_6", "lstm_256_1", "lstm_512_2",
            "lstm_1024_2", "gru_256_1", "gru_512_2");

    private final RuntimeEstimator estimator = RuntimeEstimator.loadDefault();

    @Test
    void moreWorkNeverPredictsLessTime() {
        List<String> violations = new ArrayList<>();
        int sweeps = 0;
        for (HardwareSpec hw : HardwareCatalog.builtIn().all()) {
            for (ModelSpec model : ModelCatalog.builtIn().all()) {
                for (Precision p : PRECISIONS) {
                    sweeps += 2;
                    sweep(violations, "batch", model, hw, p, true);
                    sweep(violations, "batch", model, hw, p, false);
                    sweeps++;
                    jobs(violations, model, hw, p);
                }
            }
            for (String name : TOKEN_MODELS) {
                for (Precision p : PRECISIONS) {
                    for (boolean training : new boolean[] {true, false}) {
                        sweeps++;
                        tokens(violations, name, hw, p, training);
                    }
                }
            }
        }
        assertThat(sweeps).as("sweeps").isGreaterThan(10_000);
        assertThat(violations).as(violationCount + " sweeps where more work predicts less time (first 20)")
                .isEmpty();
    }

    private void sweep(List<String> violations, String what, ModelSpec model, HardwareSpec hw, Precision p,
                       boolean training) {
        double previous = 0;
        int previousBatch = 0;
        for (int b : BATCHES) {
            JobSpec job = training ? JobSpec.trainingStep(b, Optimizer.ADAMW, 1e-3) : JobSpec.inference(b);
            double s = estimator.predict(spec(model, job, hw, p)).seconds();
            if (s < previous) {
                add(violations, String.format("%s %s %s %s: %s %d -> %g s, %d -> %g s", model.name(), hw.id(),
                        p.id(), training ? "train_step" : "infer", what, previousBatch, previous, b, s));
            }
            previous = s;
            previousBatch = b;
        }
    }

    private void jobs(List<String> violations, ModelSpec model, HardwareSpec hw, Precision p) {
        int[] epochs = {1, 2, 5, 10};
        long[] datasets = {1_000, 10_000, 100_000};
        double[][] s = new double[epochs.length][datasets.length];
        for (int e = 0; e < epochs.length; e++) {
            for (int d = 0; d < datasets.length; d++) {
                s[e][d] = estimator.predict(spec(model, JobSpec.training(32, Optimizer.SGD, 0.01, datasets[d],
                        epochs[e]), hw, p)).seconds();
                if (e > 0 && s[e][d] < s[e - 1][d] || d > 0 && s[e][d] < s[e][d - 1]) {
                    add(violations, model.name() + " " + hw.id() + " " + p.id() + ": " + epochs[e] + " epochs of "
                            + datasets[d] + " samples predict less than a smaller job");
                }
            }
        }
    }

    private void tokens(List<String> violations, String name, HardwareSpec hw, Precision p, boolean training) {
        double previous = 0;
        int previousTokens = 0;
        for (int t : TOKENS) {
            Optional<ModelSpec> model = CodeDefinedModels.find(name, String.valueOf(t));
            if (model.isEmpty()) {
                continue;
            }
            JobSpec job = training ? JobSpec.trainingStep(8, Optimizer.ADAMW, 1e-3) : JobSpec.inference(8);
            double s = estimator.predict(spec(model.get(), job, hw, p)).seconds();
            if (s < previous) {
                add(violations, String.format("%s %s %s %s: %d tokens -> %g s, %d tokens -> %g s", name, hw.id(),
                        p.id(), training ? "train_step" : "infer", previousTokens, previous, t, s));
            }
            previous = s;
            previousTokens = t;
        }
    }

    private static WorkloadSpec spec(ModelSpec model, JobSpec job, HardwareSpec hw, Precision p) {
        return WorkloadSpec.builder().model(model).job(job).precision(p).hardware(hw).build();
    }

    private int violationCount;

    private void add(List<String> violations, String v) {
        violationCount++;
        if (violations.size() < 20) {
            violations.add(v);
        }
    }
}
