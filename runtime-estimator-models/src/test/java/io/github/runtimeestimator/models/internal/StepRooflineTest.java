package io.github.runtimeestimator.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.features.Roofline;
import io.github.runtimeestimator.features.internal.RooflineV2;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The roofline-ratio target's baseline, per roofline version. */
class StepRooflineTest {
    private static final ModelSpec RESNET50 = ModelSpec.builder().name("resnet50").family("cnn")
            .parameters(25_557_032L).flopsPerSample(8.18e9).inputShape("3x224x224").build();
    private static final ModelSpec UNKNOWN = ModelSpec.builder().name("my-net").parameters(40_000_000)
            .flopsPerSample(6e9).build();

    private static WorkloadSpec step(ModelSpec model, JobSpec job) {
        return WorkloadSpec.builder().model(model).job(job).precision(Precision.BF16)
                .hardware(HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb")).build();
    }

    @Test
    void versionThreeIsThePhysicsFeaturesRooflineCatalogueIncluded() {
        for (ModelSpec model : List.of(RESNET50, UNKNOWN)) {
            for (JobSpec job : List.of(JobSpec.inference(64), JobSpec.trainingStep(32, Optimizer.ADAMW, 1e-4))) {
                WorkloadSpec step = step(model, job);
                double feature = FeatureSets.physics().extract(step).get("roofline_seconds");
                assertThat(StepRoofline.seconds(step)).as(model.name() + " " + job.phase())
                        .isEqualTo(StepRoofline.seconds(step, 3)).isEqualTo(feature);
            }
        }
        // resnet50 as a schema-v1 row names it, no descriptor: the catalogue's measured activations, not F / 300
        WorkloadSpec infer = step(RESNET50, JobSpec.inference(64));
        double catalogued = ModelCatalog.builtIn().require("resnet50").activationElementsPerSample();
        assertThat(StepRoofline.seconds(infer)).isEqualTo(Roofline.rooflineSeconds(infer, catalogued))
                .isNotEqualTo(Roofline.rooflineSeconds(infer));
    }

    @Test
    void versionTwoIsFrozenWithoutTheCatalogue() {
        WorkloadSpec infer = step(RESNET50, JobSpec.inference(64));
        assertThat(StepRoofline.seconds(infer, 2)).isEqualTo(RooflineV2.rooflineSeconds(infer))
                .isEqualTo(Roofline.rooflineSeconds(infer, RooflineV2.activationElementsPerSample(RESNET50)));
        assertThat(StepRoofline.computes(2)).isTrue();
        assertThat(StepRoofline.computes(3)).isTrue();
        assertThat(StepRoofline.version()).isEqualTo(Roofline.VERSION);
    }

    @Test
    void anotherVersionIsRefusedNamingTheOnesItHas() {
        assertThat(StepRoofline.computes(1)).isFalse();
        assertThatThrownBy(() -> StepRoofline.seconds(step(UNKNOWN, JobSpec.inference(1)), 4))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("rooflineVersion")
                .hasMessageContaining("2 or 3");
    }
}
