package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.HuggingFaceConfig;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.planner.internal.PlanFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model too large for one device: tensor parallel across NVLink when it can be estimated, else the reason. */
class TensorParallelTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();

    /** meta-llama/Llama-2-7b-hf's config.json (its model card's figures): 32 layers of width 4096, 32 heads. */
    private static final String LLAMA_2_7B = """
            {"model_type": "llama", "hidden_act": "silu", "hidden_size": 4096, "intermediate_size": 11008,
             "max_position_embeddings": 4096, "num_attention_heads": 32, "num_hidden_layers": 32,
             "num_key_value_heads": 32, "rms_norm_eps": 1e-05, "tie_word_embeddings": false, "vocab_size": 32000}""";

    private static ModelSpec llama(int sequenceLength) throws Exception {
        return HuggingFaceConfig.parse(JsonMappers.strict().readTree(LLAMA_2_7B)).modelSpec("llama-2-7b",
                sequenceLength);
    }

    private static HardwareOffer offer(String hardwareId, int count) {
        return HardwareOffer.builder().id(hardwareId + "-x" + count)
                .hardware(CATALOG.require(hardwareId).withDeviceCount(count)).pricePerDeviceHour(1).currency("USD")
                .provider("test").build();
    }

    private final ResourcePlanner planner = new ResourcePlanner(new FlopsStubEstimator(0));

    @Test
    void llama7bTrainingStepSplitsOverEightNvlinkH100sHandComputed() throws Exception {
        // AdamW training state 6,738,415,616 x (6 + 4 + 8) bytes = 121 GB: more than one 80 GiB H100
        ModelSpec model = llama(512);
        WorkloadSpec step = WorkloadSpec.builder().model(model).job(JobSpec.trainingStep(4, Optimizer.ADAMW, 2e-5))
                .precision(Precision.BF16).build();
        HardwareOffer x8 = offer("nvidia-h100-sxm-80gb", 8);

        RankedOffer r = planner.plan(step, List.of(x8), io.github.runtimeestimator.planner.Constraints.none())
                .ranked().get(0);

        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.FITS);
        TensorParallelDetail tp = r.tensorParallel();
        assertThat(tp.layers()).isEqualTo(32);
        assertThat(tp.hidden()).isEqualTo(4096);
        assertThat(tp.tokensPerStep()).isEqualTo(4 * 512);
        // one all-reduce: 2048 tokens x 4096 x 2 bytes = 16,777,216 bytes; 32 layers x 4 a training step, each
        // 2 x 7/8 x 16,777,216 / 450e9 s: 128 x 6.5247e-5 = 8.3516e-3 s a step
        assertThat(tp.bytesPerAllReduce()).isEqualTo(16_777_216.0);
        assertThat(tp.allReducesPerStep()).isEqualTo(128);
        double communication = 128 * 2 * 7.0 / 8 * 16_777_216 / 450e9;
        assertThat(tp.communicationSecondsPerStep()).isCloseTo(communication, offset(1e-15));
        // 2048 tokens on 8 H100s: the measured shard efficiency, median 0.715, 10th percentile 0.556
        assertThat(tp.shard().median()).isEqualTo(0.715);
        assertThat(tp.shard().p10()).isEqualTo(0.556);
        double oneDevice = 3 * model.flopsPerSample() * 4
                / CATALOG.require("nvidia-h100-sxm-80gb").peakFlopsPerSecond(Precision.BF16);
        assertThat(r.seconds()).isCloseTo(oneDevice / (8 * 0.715) + communication, offset(1e-12));
        assertThat(r.upperSeconds()).isCloseTo(1.25 * oneDevice / (8 * 0.556) + communication, offset(1e-12));
        // the state is split eight ways, the activations kept whole: it now fits
        assertThat(r.memory().weightsBytes()).isEqualTo((6_738_415_616L * 6 + 7) / 8);
        assertThat(r.memory().fits(x8.hardware())).isTrue();
        assertThat(r.extrapolations()).anySatisfy(reason -> assertThat(reason)
                .startsWith("tensor-parallel estimate over 8 devices: shard efficiency 0.715 (10th percentile 0.556)"
                        + " from Vidur").endsWith("no tensor-parallel run was measured end to end"));
        assertThat(PlanFormatter.markdown(planner.plan(step, List.of(x8), Constraints.none())))
                .contains("- nvidia-h100-sxm-80gb-x8: tensor parallel over 8 devices (the model does not fit one): 32"
                        + " layers of width 4096, 2048 tokens a step; shard efficiency 0.715 (10th percentile 0.556)"
                        + " measured on NVIDIA H100 80GB HBM3; 128 activation all-reduces of 16 MiB a step over NVLink 4"
                        + " (18 links), 450 GB/s per direction: 8.35 ms a step");
    }

    @Test
    void withoutAnNvlinkFabricOrAGraphTheVerdictSaysWhyNoTensorParallelEstimate() throws Exception {
        WorkloadSpec step = WorkloadSpec.builder().model(llama(512))
                .job(JobSpec.trainingStep(4, Optimizer.ADAMW, 2e-5)).precision(Precision.BF16).build();

        RankedOffer pcie = planner.judge(step, offer("nvidia-l40s-48gb", 8), Constraints.none());
        assertThat(pcie.verdict()).isEqualTo(Verdict.NEEDS_MODEL_PARALLELISM);
        assertThat(pcie.reason()).contains("; no tensor-parallel estimate: its devices share no NVLink fabric (tensor"
                + " parallelism all-reduces activations every layer)");

        WorkloadSpec figuresOnly = step.withModel(ModelSpec.builder().name("llama-figures")
                .parameters(6_738_415_616L).flopsPerSample(7.0e12).build());
        RankedOffer noGraph = planner.judge(figuresOnly, offer("nvidia-h100-sxm-80gb", 8), Constraints.none());
        assertThat(noGraph.verdict()).isEqualTo(Verdict.NEEDS_MODEL_PARALLELISM);
        assertThat(noGraph.reason()).contains("no tensor-parallel estimate: the model has no operator graph");

        RankedOffer three = planner.judge(step, offer("nvidia-h100-sxm-80gb", 3), Constraints.none());
        assertThat(three.reason()).contains("measured for 2, 4 or 8 devices, the offer has 3");
    }

    @Test
    void anUnmeasuredDeviceTakesTheLowestMeasuredEfficiencyAndSaysSo() {
        TensorParallelEfficiency.Shard b200 = TensorParallelEfficiency.of(CATALOG.require("nvidia-b200-180gb"), 8, 4096);
        assertThat(b200.median()).isEqualTo(0.824);
        assertThat(b200.note()).isEqualTo("not measured on nvidia-b200-180gb: the lowest of the three measured devices"
                + " (NVIDIA H100 80GB HBM3) is used");
        TensorParallelEfficiency.Shard a100 = TensorParallelEfficiency.of(CATALOG.require("nvidia-a100-sxm-40gb"), 2,
                100);
        assertThat(a100.median()).isEqualTo(0.950);
        assertThat(a100.note()).contains("same GPU");
    }
}
