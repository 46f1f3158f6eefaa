package io.github.runtimeestimator.examples;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.planner.Constraints;
import io.github.runtimeestimator.planner.Durations;
import java.util.List;

/**
 * The scheduler example's queue: training and inference jobs of models measured in the shared datasets.
 * Parameter counts and forward FLOPs per sample are the values in the rows of {@code h100-sxm-pytorch.csv}
 * for those model names (columns {@code params}, {@code flops_per_sample}, {@code input_shape}); the dataset
 * sizes, batch sizes, deadlines and budgets are the example's choices.
 */
public final class DemoQueue {
    /** torchvision resnet50, 224x224 images. */
    public static final ModelSpec RESNET50 = ModelSpec.builder().name("resnet50").family("cnn")
            .parameters(25_557_032L).flopsPerSample(8_178_368_512.0).inputShape("3x224x224").build();
    /** BERT-base (HF bert-base-uncased shape with a 2-class head), 128 tokens. */
    public static final ModelSpec BERT_BASE = ModelSpec.builder().name("bert_base").family("transformer")
            .parameters(109_483_778L).flopsPerSample(22_348_434_432.0).inputShape("128").build();
    /** torchvision vit_b_16, 224x224 images. */
    public static final ModelSpec VIT_B_16 = ModelSpec.builder().name("vit_b_16").family("vit")
            .parameters(86_567_656L).flopsPerSample(22_542_249_984.0).inputShape("3x224x224").build();
    /** A 4-layer MLP of width 1024 on 1024 features. */
    public static final ModelSpec MLP_1024_4 = ModelSpec.builder().name("mlp_1024_4").family("mlp")
            .parameters(4_208_650L).flopsPerSample(8_409_088.0).inputShape("1024").build();

    private DemoQueue() {
    }

    /** The queue, in arrival order. */
    public static List<QueuedJob> jobs() {
        return List.of(
                new QueuedJob("resnet50-imagenet-subset-epoch",
                        "one training epoch of resnet50 over a 128,000-image ImageNet subset, batch 256, bf16, SGD",
                        WorkloadSpec.builder().model(RESNET50)
                                .job(JobSpec.trainingEpoch(256, Optimizer.SGD, 0.1, 128_000))
                                .precision(Precision.BF16).build(),
                        Constraints.of(Durations.parse("30m"), 20.0)),
                new QueuedJob("bert-base-serving-batch",
                        "bert-base inference, one batch of 32 sequences of 128 tokens, bf16; a 100 ms latency target",
                        WorkloadSpec.builder().model(BERT_BASE).job(JobSpec.inference(32))
                                .precision(Precision.BF16).build(),
                        Constraints.deadline(java.time.Duration.ofMillis(100))),
                new QueuedJob("vit-b16-fine-tune",
                        "vit_b_16 fine-tune: 3 epochs over 50,000 images, batch 64, bf16, AdamW",
                        WorkloadSpec.builder().model(VIT_B_16)
                                .job(JobSpec.training(64, Optimizer.ADAMW, 1e-4, 50_000, 3))
                                .precision(Precision.BF16).build(),
                        Constraints.of(Durations.parse("2h"), 50.0)),
                new QueuedJob("small-mlp-training",
                        "mlp_1024_4 training: 10 epochs over 1,000,000 rows, batch 256, fp32, Adam",
                        WorkloadSpec.builder().model(MLP_1024_4)
                                .job(JobSpec.training(256, Optimizer.ADAM, 1e-3, 1_000_000, 10))
                                .precision(Precision.FP32).build(),
                        Constraints.deadline(Durations.parse("15m"))));
    }
}
