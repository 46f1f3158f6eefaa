package io.github.runtimeestimator.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobSpecTest {

    @Test
    void stepsComposeFromCeilingOfDatasetOverBatch() {
        // ImageNet-1k train split at batch 64: ceil(1,281,167 / 64) = 20,019 steps (the last batch is partial)
        JobSpec epoch = JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 1_281_167);
        assertThat(epoch.stepsPerEpoch()).isEqualTo(20_019L);
        assertThat(epoch.steps()).isEqualTo(20_019L);
        JobSpec job = JobSpec.training(64, Optimizer.SGD, 0.1, 1_281_167, 90);
        assertThat(job.steps()).isEqualTo(90L * 20_019L);
        assertThat(JobSpec.inference(32).steps()).isEqualTo(1L);
        assertThat(JobSpec.trainingStep(32, Optimizer.ADAM, 1e-3).steps()).isEqualTo(1L);
    }

    @Test
    void anEpochOrJobIsFeaturisedAsItsTrainingStep() {
        JobSpec job = JobSpec.training(64, Optimizer.ADAMW, 3e-4, 1000, 3);
        assertThat(job.asSingleStep()).isEqualTo(new JobSpec(Phase.TRAIN_STEP, 64, Optimizer.ADAMW, 3e-4, 1000, 1));
        assertThat(job.asSingleStep().steps()).isEqualTo(1L);
        JobSpec infer = JobSpec.inference(8);
        assertThat(infer.asSingleStep()).isSameAs(infer);
    }

    @Test
    void precisionFallsBackToTheNextFasterPathTheDeviceHas() {
        HardwareSpec v100 = HardwareSpec.builder().id("v100").name("V100").kind(HardwareKind.GPU)
                .peakFlopsPerSecond(Precision.FP32, 15.7e12).peakFlopsPerSecond(Precision.FP16, 125e12)
                .memoryBytes(16L << 30).memoryBandwidthBytesPerSecond(900e9).computeUnits(80).clockMhz(1530).build();
        assertThat(v100.peakFlopsPerSecond(Precision.TF32)).isEqualTo(15.7e12);
        assertThat(v100.peakFlopsPerSecond(Precision.BF16)).isEqualTo(125e12);
        assertThat(v100.peakFlopsPerSecond(Precision.INT8)).isEqualTo(125e12);
        assertThat(v100.peakFlopsPerSecond(Precision.FP32)).isEqualTo(15.7e12);
    }

    @Test
    void idsParseCaseInsensitivelyAndEmptyOptimizerMeansNone() {
        assertThat(Precision.fromId("BF16")).isEqualTo(Precision.BF16);
        assertThat(Phase.fromId("train_epoch")).isEqualTo(Phase.TRAIN_EPOCH);
        assertThat(Optimizer.fromId("")).isEqualTo(Optimizer.NONE);
        assertThat(Optimizer.fromId("AdamW")).isEqualTo(Optimizer.ADAMW);
        assertThat(HardwareKind.fromId("cuda")).isEqualTo(HardwareKind.GPU);
    }
}
