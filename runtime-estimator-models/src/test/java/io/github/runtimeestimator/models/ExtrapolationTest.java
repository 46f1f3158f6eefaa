package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.io.SpecJson;
import org.junit.jupiter.api.Test;

/** An estimate says when its hardware is outside the estimator's training data, and only then. */
class ExtrapolationTest {
    private static final RuntimeEstimator DEFAULT = RuntimeEstimator.loadDefault();

    private static Estimate on(String hardwareId) {
        return DEFAULT.predict(WorkloadSpec.builder().model(ModelCatalog.builtIn().require("resnet50"))
                .job(JobSpec.inference(32)).hardware(HardwareCatalog.builtIn().require(hardwareId)).build());
    }

    @Test
    void hardwareTheDefaultWasTrainedOnIsNotAnExtrapolation() {
        Estimate h100 = on("nvidia-h100-sxm-80gb");
        assertThat(h100.extrapolates()).isFalse();
        assertThat(SpecJson.writeEstimate(h100)).doesNotContain("extrapolations");
    }

    @Test
    void unseenHardwareIsNamedWithWhatTheEstimatorWasTrainedOn() {
        Estimate a100 = on("nvidia-a100-sxm-80gb");
        assertThat(a100.extrapolations()).singleElement().asString()
                .startsWith("hardware nvidia-a100-sxm-80gb is not in the training data (trained on ")
                .contains("nvidia-h100-sxm-80gb");
        assertThat(SpecJson.readEstimate(SpecJson.writeEstimate(a100))).isEqualTo(a100);
    }
}
