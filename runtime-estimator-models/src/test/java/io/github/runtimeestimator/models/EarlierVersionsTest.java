package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.features.Roofline;
import io.github.runtimeestimator.features.internal.RooflineV2;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Estimators trained on feature set {@code physics} v2 and roofline v2, before both moved to the one activation
 * fallback, keep loading and answer as they were trained to: the library keeps those versions, frozen.
 */
class EarlierVersionsTest {

    private static TrainedEstimator physicsV2Default() throws IOException {
        String resource = "physics-v2/default.rte";
        try (InputStream in = EarlierVersionsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return EstimatorArtifact.read(in, resource);
        }
    }

    @Test
    void theDefaultTrainedOnPhysicsV2LoadsAsV2AndAnswersAsTheShippedV3DefaultOnEveryDatasetRow()
            throws IOException {
        TrainedEstimator v2 = physicsV2Default();
        TrainedEstimator v3 = (TrainedEstimator) RuntimeEstimator.loadDefault();

        assertThat(v2.featureSet().version()).isEqualTo(2);
        assertThat(v2.featureSet()).isSameAs(FeatureSets.byId("physics", 2));
        assertThat(v2.rooflineVersion()).isEqualTo(2);
        assertThat(v3.featureSet()).isSameAs(FeatureSets.physics());
        assertThat(v3.rooflineVersion()).isEqualTo(Roofline.VERSION).isEqualTo(3);
        // the shipped default was retrained on v3 and its trees came out the same, since no training row reaches
        // either activation fallback (every row's model is catalogued or has its descriptors inferred)
        List<WorkloadSpec> rows = DatasetWorkloads.all();
        assertThat(rows).hasSizeGreaterThan(1_000);
        for (WorkloadSpec spec : rows) {
            Estimate old = v2.predict(spec);
            Estimate now = v3.predict(spec);
            assertThat(List.of(old.seconds(), old.secondsPerStep(), old.lowerSeconds(), old.upperSeconds()))
                    .as(spec.model().name())
                    .isEqualTo(List.of(now.seconds(), now.secondsPerStep(), now.lowerSeconds(), now.upperSeconds()));
        }
    }

    @Test
    void aRooflineRatioTargetAnswersWithTheRooflineVersionItWasFittedAgainst() throws IOException {
        TrainedEstimator v3 = SyntheticEstimators.linear(7);
        assertThat(v3.config().target()).isEqualTo(Target.LOG_RATIO_TO_ROOFLINE);
        assertThat(v3.rooflineVersion()).isEqualTo(Roofline.VERSION);
        TrainedEstimator v2 = EstimatorArtifact.read(EstimatorArtifact.toBytes(TrainedEstimator.builder()
                .config(v3.config()).features(v3.featureSet()).stepRegressor(v3.stepRegressor())
                .trainingData(v3.trainingData()).rooflineVersion(2).build()), "v2.rte",
                EstimatorArtifact::featureSet);
        assertThat(v2.rooflineVersion()).isEqualTo(2);
        // what it was fitted against is said where it is not the current roofline
        assertThat(v2.describe()).contains("target log_ratio_to_roofline (roofline v2), seed");
        assertThat(v3.describe()).contains("target log_ratio_to_roofline, seed");

        // a model with no descriptor the catalogue does not know: the two versions' rooflines differ, and the
        // same regressor's estimates differ by exactly their ratio
        ModelSpec unknown = ModelSpec.builder().name("my-net").parameters(40_000_000).flopsPerSample(6e9).build();
        // bf16 inference at batch 64 on an H100 is memory-bound under both: 2 x 64 x A x 2 bytes of activations
        WorkloadSpec spec = WorkloadSpec.builder().model(unknown).job(JobSpec.inference(64)).precision(Precision.BF16)
                .hardware(HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb")).build();
        WorkloadSpec step = spec.withJob(spec.job().asSingleStep());
        double ratio = RooflineV2.rooflineSeconds(step) / Roofline.rooflineSeconds(step);
        assertThat(ratio).isLessThan(0.5);
        assertThat(v2.predictStepSeconds(spec) / v3.predictStepSeconds(spec))
                .isCloseTo(ratio, within(1e-9 * ratio));
    }

    @Test
    void opgraphV1ReadsPhysicsV2AndV2ReadsPhysicsV3() {
        OperatorGraphFeatures v1 = OperatorGraphFeatures.ofVersion(1, OperatorModelArtifactTest.model());
        OperatorGraphFeatures v2 = OperatorGraphFeatures.ofVersion(2, OperatorModelArtifactTest.model());
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(OperatorGraphFeatures.VERSION).isEqualTo(2);
        assertThat(v1.names()).isEqualTo(v2.names());
        // a model with no descriptor the catalogue does not know: the physics prefix is each version's own
        ModelSpec unknown = ModelSpec.builder().name("my-net").parameters(40_000_000).flopsPerSample(6e9).build();
        WorkloadSpec spec = WorkloadSpec.builder().model(unknown).job(JobSpec.inference(64))
                .precision(Precision.BF16).hardware(HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb")).build();
        int physics = FeatureSets.physics().names().size();
        double[] old = v1.extract(spec).values();
        double[] now = v2.extract(spec).values();
        assertThat(Arrays.copyOf(old, physics)).containsExactly(FeatureSets.byId("physics", 2).extract(spec)
                .values());
        assertThat(Arrays.copyOf(now, physics)).containsExactly(FeatureSets.physics().extract(spec).values());
        assertThat(Arrays.copyOf(old, physics)).isNotEqualTo(Arrays.copyOf(now, physics));
        assertThatThrownBy(() -> OperatorGraphFeatures.ofVersion(3, OperatorModelArtifactTest.model()))
                .isInstanceOfSatisfying(SpecValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("featureSet.version"))
                .hasMessageContaining("[1, 2]");
    }

    @Test
    void aRooflineVersionTheLibraryDoesNotComputeIsRefusedNamingIt() {
        TrainedEstimator v3 = SyntheticEstimators.linear(7);
        assertThatThrownBy(() -> TrainedEstimator.builder().config(v3.config()).features(v3.featureSet())
                .stepRegressor(v3.stepRegressor()).trainingData(v3.trainingData()).rooflineVersion(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rooflineVersion: 1");
    }
}
