package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicsFeaturesTest {

    /**
     * The hand computations below are of the roofline arithmetic with the activation proxy, so they run on an
     * empty model catalogue (the built-in one knows resnet50: see {@link #catalogueDescriptorsForAKnownModel}).
     */
    private final FeatureExtractor physics = new PhysicsFeatures(ModelCatalog.of(List.of()));

    private static void assertClose(FeatureVector v, String name, double expected) {
        assertThat(v.get(name)).as(name).isCloseTo(expected, within(Math.abs(expected) * 1e-12 + 1e-15));
    }

    @Test
    void idVersionAndUniqueNames() {
        assertThat(physics.id()).isEqualTo("physics");
        assertThat(physics.version()).isEqualTo(3);
        assertThat(FeatureSets.physics().version()).isEqualTo(3);
        assertThat(new HashSet<>(physics.names())).hasSameSizeAs(physics.names());
        assertThat(physics.extract(Specs.resnet50TrainStepBf16OnH100()).size()).isEqualTo(physics.names().size());
    }

    @Test
    void resnet50TrainStepBf16OnH100() {
        FeatureVector v = physics.extract(Specs.resnet50TrainStepBf16OnH100());
        double flops = 8.18e9 * 64 * 3;                    // 1.57056e12
        // weights 34 P + activations 2 x 64 x (8.18e9 / 300) x 2 bytes x 3 = 2.0941e10
        double activations = 2 * 64 * (8.18e9 / 300) * 2 * 3;
        double bytes = 34.0 * 25_557_032 + activations;
        double compute = flops / 9.89e14;
        double memory = bytes / 3.35e12;
        assertClose(v, "flops_per_step", flops);
        assertClose(v, "log10_flops_per_step", Math.log10(1.57056e12)); // 12.196
        assertClose(v, "bytes_per_step", bytes);
        assertClose(v, "log10_bytes_per_step", Math.log10(bytes));
        assertClose(v, "activation_bytes_fraction", activations / bytes); // 0.96: activation-dominated
        assertClose(v, "effective_peak_flops_per_second", 9.89e14);
        assertClose(v, "log10_effective_peak_flops_per_second", Math.log10(9.89e14));
        assertClose(v, "memory_bandwidth_bytes_per_second", 3.35e12);
        assertClose(v, "log10_memory_bandwidth_bytes_per_second", Math.log10(3.35e12));
        assertClose(v, "compute_seconds", compute);
        assertClose(v, "log10_compute_seconds", Math.log10(compute));
        assertClose(v, "memory_seconds", memory);
        assertClose(v, "log10_memory_seconds", Math.log10(memory));
        assertClose(v, "roofline_seconds", memory);                 // memory-bound: 6.51 ms > 1.59 ms
        assertClose(v, "log10_roofline_seconds", Math.log10(memory));
        assertClose(v, "arithmetic_intensity_flops_per_byte", flops / bytes);
        assertClose(v, "log10_arithmetic_intensity_flops_per_byte", Math.log10(flops / bytes));
        assertClose(v, "ridge_point_flops_per_byte", 9.89e14 / 3.35e12);
        assertClose(v, "log10_ridge_point_flops_per_byte", Math.log10(9.89e14 / 3.35e12));
        assertClose(v, "intensity_over_ridge", compute / memory);   // 0.24 < 1: below the ridge
        assertClose(v, "log10_intensity_over_ridge", Math.log10(compute / memory));
        assertClose(v, "parameters", 25_557_032);
        assertClose(v, "log10_parameters", Math.log10(25_557_032));
        assertClose(v, "log10_flops_per_sample", Math.log10(8.18e9));
        assertClose(v, "batch_size", 64);
        assertClose(v, "log10_batch_size", Math.log10(64));
        assertClose(v, "precision_bytes_per_element", 2);
        assertClose(v, "is_training", 1);
        assertClose(v, "is_cpu", 0);
        assertClose(v, "used_compute_fraction", 1);
        assertClose(v, "device_count", 1);
        assertClose(v, "optimizer_state_tensors_per_parameter", 1);
        assertClose(v, "learning_rate", 0.1);
        assertClose(v, "has_descriptors", 0);
        assertClose(v, "log10_layer_launches_per_step", PhysicsFeatures.NEUTRAL_LOG10_LAYER_LAUNCHES);
        assertClose(v, "matmul_flops_share", PhysicsFeatures.NEUTRAL_MATMUL_FLOPS_SHARE);
        // the features agree with the public Roofline arithmetic they are built from
        WorkloadSpec spec = Specs.resnet50TrainStepBf16OnH100();
        assertClose(v, "roofline_seconds", Roofline.rooflineSeconds(spec));
        assertClose(v, "compute_seconds", Roofline.computeSeconds(spec));
        assertClose(v, "memory_seconds", Roofline.memorySeconds(spec));
    }

    @Test
    void versionTwoKeepsItsFanInProxyAndNothingElseDiffers() {
        FeatureExtractor v2 = new PhysicsFeatures(2, ModelCatalog.of(List.of()));
        WorkloadSpec spec = Specs.resnet50TrainStepBf16OnH100();
        FeatureVector old = v2.extract(spec);
        // v2's proxy: 8.18e9 / (2 x min(sqrt(25.6e6), 512)) elements, 2 x 64 x that x 2 bytes x 3 = 6.135e9 bytes
        double activations = 2 * 64 * (8.18e9 / 1024) * 2 * 3;
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.names()).isEqualTo(physics.names());
        assertClose(old, "bytes_per_step", 34.0 * 25_557_032 + activations);
        assertClose(old, "activation_bytes_fraction", activations / (34.0 * 25_557_032 + activations));
        // a model with its own activation descriptor reaches neither fallback: both versions agree
        ModelSpec described = Specs.resnet50().toBuilder().activationElementsPerSample(2.7e7).build();
        WorkloadSpec describedSpec = spec.toBuilder().model(described).build();
        assertThat(v2.extract(describedSpec).values()).containsExactly(physics.extract(describedSpec).values());
        // and so do the features that do not read the activations
        FeatureVector now = physics.extract(spec);
        for (String name : List.of("flops_per_step", "compute_seconds", "parameters", "batch_size", "is_training")) {
            assertThat(old.get(name)).as(name).isEqualTo(now.get(name));
        }
    }

    @Test
    void cpuWithOneThreadOfSixteen() {
        FeatureVector v = physics.extract(Specs.resnet50InferFp32OnXeonOneThread());
        double peak = 2.1504e12 / 16;                            // 1.344e11
        double bytes = 4.0 * 25_557_032 + 2 * 1 * (8.18e9 / 300) * 4; // 320,361,461
        assertClose(v, "effective_peak_flops_per_second", peak);
        assertClose(v, "used_compute_fraction", 1.0 / 16);
        assertClose(v, "compute_seconds", 8.18e9 / peak);        // 0.0609 s
        assertClose(v, "memory_seconds", bytes / 1.0e11);        // 0.0032 s
        assertClose(v, "roofline_seconds", 8.18e9 / peak);       // compute-bound
        assertClose(v, "ridge_point_flops_per_byte", peak / 1.0e11);
        assertClose(v, "is_cpu", 1);
        assertClose(v, "is_training", 0);
        assertClose(v, "optimizer_state_tensors_per_parameter", 0);
        assertClose(v, "learning_rate", 0);
        assertClose(v, "precision_bytes_per_element", 4);
        assertClose(v, "log10_batch_size", 0);
    }

    @Test
    void descriptorsWhenPresent() {
        ModelSpec described = Specs.resnet50().toBuilder().leafLayers(161L).activationElementsPerSample(2.7e7)
                .matmulFlopsPerSample(8.0e9).build();
        FeatureVector train = physics.extract(Specs.resnet50TrainStepBf16OnH100().toBuilder().model(described).build());
        assertClose(train, "has_descriptors", 1);
        assertClose(train, "log10_layer_launches_per_step", Math.log10(161 * 3)); // fwd + bwd launches
        assertClose(train, "matmul_flops_share", 8.0e9 / 8.18e9);
        // activations from the descriptor: 2 x 64 x 2.7e7 x 2 bytes x 3
        assertClose(train, "bytes_per_step", 34.0 * 25_557_032 + 2 * 64 * 2.7e7 * 2 * 3);

        FeatureVector infer = physics.extract(Specs.resnet50InferBf16OnH100().toBuilder().model(described).build());
        assertClose(infer, "log10_layer_launches_per_step", Math.log10(161));
    }

    @Test
    void catalogueDescriptorsForAKnownModel() {
        // resnet50 in the built-in catalogue (collector describe): 126 leaf layers, 3.2e7 activation elements
        // per sample, all counted FLOPs are matmul/convolution FLOPs
        ModelSpec entry = ModelCatalog.builtIn().require("resnet50");
        assertThat(entry.leafLayers()).isEqualTo(126L);
        double activations = entry.activationElementsPerSample();
        FeatureExtractor v3 = FeatureSets.physics();

        FeatureVector train = v3.extract(Specs.resnet50TrainStepBf16OnH100());

        assertClose(train, "has_descriptors", 1);
        assertClose(train, "log10_layer_launches_per_step", Math.log10(126 * 3));
        assertClose(train, "matmul_flops_share", 1);
        // BF16 SGD training: 34 bytes per parameter, activations 2 x 64 x A x 2 bytes x 3
        assertClose(train, "bytes_per_step", 34.0 * 25_557_032 + 2 * 64 * activations * 2 * 3);
        // the same features as a spec that carries the catalogue's descriptors itself (FLOPs stay the spec's)
        WorkloadSpec described = Specs.resnet50TrainStepBf16OnH100().toBuilder()
                .model(ModelCatalog.builtIn().withDescriptors(Specs.resnet50())).build();
        assertThat(v3.extract(described)).isEqualTo(train);
        // a spec the catalogue does not match (1.5% more parameters) keeps v1's neutral values and proxy
        ModelSpec other = Specs.resnet50().toBuilder().parameters(Math.round(25_557_032 * 1.015)).build();
        FeatureVector unmatched = v3.extract(Specs.resnet50TrainStepBf16OnH100().toBuilder().model(other).build());
        assertClose(unmatched, "has_descriptors", 0);
        assertClose(unmatched, "log10_layer_launches_per_step", 0);
    }

    @Test
    void epochAndJobSpecsAreFeaturisedAsTheirStep() {
        WorkloadSpec step = Specs.resnet50TrainStepBf16OnH100()
                .withJob(new JobSpec(Phase.TRAIN_STEP, 64, Optimizer.SGD, 0.1, 1_281_167, 1));
        for (FeatureExtractor set : List.of(FeatureSets.physics(), FeatureSets.seed())) {
            FeatureVector ofStep = set.extract(step);
            assertThat(set.extract(step.withJob(JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 1_281_167))))
                    .as(set.id() + " epoch").isEqualTo(ofStep);
            assertThat(set.extract(step.withJob(JobSpec.training(64, Optimizer.SGD, 0.1, 1_281_167, 90))))
                    .as(set.id() + " job").isEqualTo(ofStep);
            WorkloadSpec epoch = step.withJob(JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 50_000));
            assertThat(set.extract(epoch)).isEqualTo(set.extract(epoch.withJob(epoch.job().asSingleStep())));
        }
    }

    @Test
    void extractIntoWritesWhatExtractReturnsAndReusesTheArray() {
        double[] out = new double[physics.names().size()];
        for (WorkloadSpec spec : List.of(Specs.resnet50TrainStepBf16OnH100(), Specs.resnet50InferBf16OnH100(),
                Specs.resnet50InferFp32OnXeonOneThread())) {
            physics.extractInto(spec, out);
            assertThat(out).containsExactly(physics.extract(spec).values());
        }
    }

    @Test
    void refusesASpecWithoutHardwareAndAWrongSizedArray() {
        WorkloadSpec noHardware = Specs.resnet50InferBf16OnH100().withHardware(null);
        assertThatThrownBy(() -> physics.extract(noHardware)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("hardware");
        assertThatThrownBy(() -> physics.extractInto(Specs.resnet50InferBf16OnH100(), new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("physics")
                .hasMessageContaining("length 3");
    }

    @Test
    void refusesASpecWhoseNumbersOverflow() {
        ModelSpec huge = ModelSpec.builder().name("huge").parameters(1).flopsPerSample(Double.MAX_VALUE).build();
        WorkloadSpec spec = Specs.resnet50TrainStepBf16OnH100().toBuilder().model(huge).build();
        assertThatThrownBy(() -> physics.extract(spec)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("features.physics.flops_per_step").hasMessageContaining("finite");
    }
}
