package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spec without a precision is estimated in fp32 and remembers that it was assumed, so the estimate can state it
 * (issue 13, item 7: no silent defaults); a spec that names fp32 assumes nothing.
 */
class AssumedPrecisionTest {
    private static final String WITHOUT = "{\"model\": \"resnet50\", \"job\": {\"phase\": \"infer\", \"batchSize\": 8},"
            + " \"hardware\": \"nvidia-h100-sxm-80gb\"}";
    private static final String WITH = WITHOUT.replace("\"hardware\"", "\"precision\": \"fp32\", \"hardware\"");

    @Test
    void aSpecWithoutPrecisionComputesInFp32AndSaysItWasAssumed() {
        WorkloadSpec spec = SpecJson.readWorkload(WITHOUT, HardwareCatalog.builtIn());

        assertThat(spec.precision()).isEqualTo(Precision.FP32);
        assertThat(spec.precisionGiven()).isFalse();
        assertThat(spec.defaultsAssumed()).singleElement().asString()
                .startsWith("precision: not given, fp32 assumed").contains("bf16");
    }

    @Test
    void aSpecThatNamesItsPrecisionAssumesNothingAndKeepsThatThroughCopies() {
        WorkloadSpec spec = SpecJson.readWorkload(WITH, HardwareCatalog.builtIn());

        assertThat(spec.precisionGiven()).isTrue();
        assertThat(spec.defaultsAssumed()).isEmpty();
        assertThat(spec.withJob(spec.job()).precisionGiven()).isTrue();
        assertThat(SpecJson.readWorkload(WITHOUT, HardwareCatalog.builtIn()).toBuilder().build().precisionGiven())
                .isFalse();
    }

    @Test
    void anEstimateCarriesItsAssumptionsThroughJsonAndLeavesThemOutWhenNone() {
        Estimate none = new Estimate(1, 0.5, 2, 1, 1, 0.8, "test");
        Estimate assumed = none.toBuilder().assumptions(List.of("precision: not given, fp32 assumed")).build();

        assertThat(SpecJson.writeEstimate(none)).doesNotContain("assumptions");
        assertThat(SpecJson.readEstimate(SpecJson.writeEstimate(assumed)).assumptions())
                .containsExactly("precision: not given, fp32 assumed");
    }
}
