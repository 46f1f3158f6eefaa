package io.github.runtimeestimator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Validation at the edge: each bad value fails with the field, the value and the rule in the message. */
class ValidationTest {

    static ModelSpec.Builder resnet50() {
        return ModelSpec.builder().name("resnet50").family("cnn").parameters(25_557_032L).flopsPerSample(8.18e9)
                .inputShape("3x224x224");
    }

    static HardwareSpec.Builder h100() {
        return HardwareSpec.builder().id("nvidia-h100-sxm-80gb").name("NVIDIA H100 SXM5 80GB").kind(HardwareKind.GPU)
                .vendor("nvidia").peakFlopsPerSecond(Precision.FP32, 6.7e13).peakFlopsPerSecond(Precision.BF16, 9.89e14)
                .memoryBytes(80L << 30).memoryBandwidthBytesPerSecond(3.35e12).computeUnits(132).clockMhz(1980);
    }

    @Test
    void negativeBatchSizeNamesFieldValueAndRule() {
        assertThatThrownBy(() -> JobSpec.inference(-1))
                .isInstanceOf(SpecValidationException.class)
                .hasMessage("job.batchSize = -1: must be >= 1")
                .satisfies(e -> {
                    SpecValidationException v = (SpecValidationException) e;
                    assertThat(v.field()).isEqualTo("job.batchSize");
                    assertThat(v.value()).isEqualTo("-1");
                    assertThat(v.rule()).isEqualTo("must be >= 1");
                });
    }

    @Test
    void nanFlopsIsRejected() {
        assertThatThrownBy(() -> resnet50().flopsPerSample(Double.NaN).build())
                .isInstanceOf(SpecValidationException.class)
                .hasMessage("model.flopsPerSample = NaN: must be a finite number > 0");
    }

    @Test
    void zeroBandwidthIsRejected() {
        assertThatThrownBy(() -> h100().memoryBandwidthBytesPerSecond(0).build())
                .isInstanceOf(SpecValidationException.class)
                .hasMessage("hardware.memoryBandwidthBytesPerSecond = 0.0: must be a finite number > 0");
    }

    @Test
    void unknownPrecisionListsTheKnownOnes() {
        assertThatThrownBy(() -> Precision.fromId("fp64"))
                .isInstanceOf(SpecValidationException.class)
                .hasMessage("precision = \"fp64\": must be one of [fp32, tf32, bf16, fp16, int8]");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThatThrownBy(() -> resnet50().name(null).build())
                .hasMessage("model.name: missing, is required and must not be blank");
        assertThatThrownBy(() -> WorkloadSpec.builder().job(JobSpec.inference(1)).build())
                .hasMessage("model: missing, is required");
        assertThatThrownBy(() -> h100().kind(null).build())
                .hasMessage("hardware.kind: missing, is required");
        assertThatThrownBy(() -> WorkloadSpec.builder().model(resnet50().build()).job(JobSpec.inference(1)).build()
                .requireHardware())
                .hasMessage("hardware: missing, is required to estimate a runtime");
    }

    @Test
    void hardwareNeedsAnFp32Peak() {
        assertThatThrownBy(() -> HardwareSpec.builder().id("x").name("x").kind(HardwareKind.GPU)
                .peakFlopsPerSecond(Precision.BF16, 1e14).memoryBytes(1).memoryBandwidthBytesPerSecond(1)
                .computeUnits(1).clockMhz(1).build())
                .hasMessageStartingWith("hardware.peakFlopsPerSecond.fp32: missing, is required");
    }

    @Test
    void trainingNeedsAnOptimizerAndEpochPhasesNeedADataset() {
        assertThatThrownBy(() -> new JobSpec(Phase.TRAIN_STEP, 8, Optimizer.NONE, 0.1, 0, 1))
                .hasMessageStartingWith("job.optimizer = \"none\": a train_step needs an optimizer");
        assertThatThrownBy(() -> JobSpec.trainingEpoch(8, Optimizer.SGD, 0.1, 0))
                .hasMessage("job.datasetSize = 0: must be >= 1");
        assertThatThrownBy(() -> JobSpec.training(8, Optimizer.SGD, 0.1, 100, 0))
                .hasMessage("job.epochs = 0: must be >= 1");
        assertThatThrownBy(() -> JobSpec.trainingStep(8, Optimizer.ADAM, Double.POSITIVE_INFINITY))
                .hasMessage("job.learningRate = Infinity: must be a finite number >= 0");
    }

    @Test
    void estimateBoundsMustEncloseThePoint() {
        assertThatThrownBy(() -> new Estimate(1.0, 1.5, 2.0, 1.0, 1, 0.8, "x"))
                .hasMessage("lowerSeconds = 1.5: must be <= seconds (1.0)");
        assertThatThrownBy(() -> new Estimate(1.0, 0.5, 2.0, 1.0, 1, 1.2, "x"))
                .hasMessage("coverage = 1.2: must be within [0, 1]");
    }

    @Test
    void gpuHasNoThreadCountAndCpuDefaultsToAllCores() {
        assertThatThrownBy(() -> h100().threadsUsed(4).build())
                .hasMessage("hardware.threadsUsed = 4: must be 0 for a GPU");
        HardwareSpec cpu = HardwareSpec.builder().id("cpu").name("cpu").kind(HardwareKind.CPU)
                .peakFlopsPerSecond(Precision.FP32, 1e11).memoryBytes(1L << 30).memoryBandwidthBytesPerSecond(2e10)
                .computeUnits(16).clockMhz(2100).build();
        assertThat(cpu.threadsUsed()).isEqualTo(16);
        assertThat(cpu.withThreadsUsed(1).threadsUsed()).isEqualTo(1);
    }
}
