package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class SeedFeaturesTest {

    private final FeatureExtractor seed = FeatureSets.seed();

    @Test
    void idVersionAndUniqueNames() {
        assertThat(seed.id()).isEqualTo("seed");
        assertThat(seed.version()).isEqualTo(1);
        assertThat(new HashSet<>(seed.names())).hasSameSizeAs(seed.names());
        assertThat(seed.extract(Specs.resnet50InferBf16OnH100()).size()).isEqualTo(seed.names().size());
    }

    @Test
    void rawInputsOfAGpuTrainingStep() {
        FeatureVector v = seed.extract(Specs.resnet50TrainStepBf16OnH100());
        assertThat(v.get("batch_size")).isEqualTo(64);
        assertThat(v.get("learning_rate")).isEqualTo(0.1);
        assertThat(v.get("parameters")).isEqualTo(25_557_032);
        assertThat(v.get("flops_per_sample")).isEqualTo(8.18e9);
        assertThat(v.get("is_training")).isEqualTo(1);
        assertThat(v.get("optimizer_state_tensors_per_parameter")).isEqualTo(1); // SGD momentum
        assertThat(v.get("precision_bytes_per_element")).isEqualTo(2);
        assertThat(v.get("precision_is_bf16")).isEqualTo(1);
        assertThat(v.get("precision_is_fp32")).isEqualTo(0);
        assertThat(v.get("precision_is_tf32")).isEqualTo(0);
        assertThat(v.get("precision_is_fp16")).isEqualTo(0);
        assertThat(v.get("precision_is_int8")).isEqualTo(0);
        assertThat(v.get("hw_peak_fp32_flops_per_second")).isEqualTo(6.7e13); // FP32 whatever the precision
        assertThat(v.get("hw_memory_bytes")).isEqualTo(85_899_345_920.0);
        assertThat(v.get("hw_memory_bandwidth_bytes_per_second")).isEqualTo(3.35e12);
        assertThat(v.get("hw_compute_units")).isEqualTo(132);
        assertThat(v.get("hw_clock_mhz")).isEqualTo(1980);
        assertThat(v.get("hw_threads_used")).isEqualTo(0);
        assertThat(v.get("hw_device_count")).isEqualTo(1);
        assertThat(v.get("hw_is_cpu")).isEqualTo(0);
    }

    @Test
    void rawInputsOfACpuInference() {
        FeatureVector v = seed.extract(Specs.resnet50InferFp32OnXeonOneThread());
        assertThat(v.get("batch_size")).isEqualTo(1);
        assertThat(v.get("is_training")).isEqualTo(0);
        assertThat(v.get("learning_rate")).isEqualTo(0);
        assertThat(v.get("optimizer_state_tensors_per_parameter")).isEqualTo(0);
        assertThat(v.get("precision_bytes_per_element")).isEqualTo(4);
        assertThat(v.get("precision_is_fp32")).isEqualTo(1);
        assertThat(v.get("hw_peak_fp32_flops_per_second")).isEqualTo(2.1504e12); // all cores, unscaled
        assertThat(v.get("hw_compute_units")).isEqualTo(16);
        assertThat(v.get("hw_threads_used")).isEqualTo(1);
        assertThat(v.get("hw_is_cpu")).isEqualTo(1);
    }

    @Test
    void datasetSizeIsTheStudysInputAsGivenAndEpochsAreNoFeature() {
        assertThat(seed.names()).contains("dataset_size").doesNotContain("epochs");
        assertThat(seed.extract(Specs.resnet50TrainStepBf16OnH100()).get("dataset_size")).isZero();
        WorkloadSpec epoch = Specs.resnet50TrainStepBf16OnH100()
                .withJob(JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 1_281_167));
        assertThat(seed.extract(epoch).get("dataset_size")).isEqualTo(1_281_167);
        assertThat(seed.extract(epoch)).isEqualTo(seed.extract(epoch.withJob(epoch.job().asSingleStep())));
    }

    @Test
    void refusesASpecWithoutHardware() {
        assertThatThrownBy(() -> seed.extract(Specs.resnet50InferBf16OnH100().withHardware(null)))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("hardware");
    }
}
