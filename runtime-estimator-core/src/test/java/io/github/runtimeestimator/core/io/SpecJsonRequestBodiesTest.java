package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte forms of {@link SpecJson} a service reads request bodies with: same rules, paths from the body's root. */
class SpecJsonRequestBodiesTest {
    private static final HardwareCatalog HW = HardwareCatalog.builtIn();
    private static final ModelCatalog MODELS = ModelCatalog.builtIn();
    private static final String SPEC = "{\"model\": \"resnet50\", \"job\": {\"phase\": \"infer\", \"batchSize\": 8},"
            + " \"hardware\": \"nvidia-l4-24gb\"}";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A request that wraps a workload beside a field of its own, as a service's plan request does. */
    record Wrapper(@JsonProperty("spec") WorkloadSpec spec, @JsonProperty("budget") Double budget) {
        Wrapper {
            if (budget != null && budget < 0) {
                throw new SpecValidationException("budget", budget, "must be >= 0");
            }
        }
    }

    @Test
    void bytesReadAsTheStringFormDoes() {
        assertThat(SpecJson.readWorkload(utf8(SPEC), HW, MODELS)).isEqualTo(SpecJson.readWorkload(SPEC, HW, MODELS));
    }

    @Test
    void aListReadsInOrderAndAFaultNamesItsIndex() {
        List<WorkloadSpec> specs = SpecJson.readWorkloads(utf8("[" + SPEC + ", " + SPEC.replace("\"batchSize\": 8",
                "\"batchSize\": 16") + "]"), HW, MODELS);
        assertThat(specs).extracting(s -> s.job().batchSize()).containsExactly(8, 16);

        assertThatThrownBy(() -> SpecJson.readWorkloads(utf8("[" + SPEC + ", " + SPEC.replace("\"batchSize\": 8",
                "\"batchSize\": 0") + "]"), HW, MODELS))
                .isInstanceOf(SpecFormatException.class)
                .satisfies(e -> assertThat(((SpecFormatException) e).path()).isEqualTo("$[1].job.batchSize"))
                .hasMessageStartingWith("$[1].job.batchSize: job.batchSize = 0: must be >= 1");
        assertThatThrownBy(() -> SpecJson.readWorkloads(utf8("[" + SPEC + ", null]"), HW, MODELS))
                .isInstanceOf(SpecFormatException.class).hasMessage("$[1]: expected a WorkloadSpec object, found null");
    }

    @Test
    void aWrappingRecordReportsItsOwnRuleAndTheSpecsAtTheirPaths() {
        Wrapper ok = SpecJson.readValue(utf8("{\"spec\": " + SPEC + ", \"budget\": 5}"), Wrapper.class, HW, MODELS);
        assertThat(ok.spec().hardware().id()).isEqualTo("nvidia-l4-24gb");

        assertThatThrownBy(() -> SpecJson.readValue(utf8("{\"spec\": " + SPEC + ", \"budget\": -1}"), Wrapper.class,
                HW, MODELS)).isInstanceOf(SpecFormatException.class).hasMessageStartingWith(
                "$.budget: budget = -1.0: must be >= 0");
        assertThatThrownBy(() -> SpecJson.readValue(utf8("{\"spec\": " + SPEC.replace("resnet50", "resnet5O") + "}"),
                Wrapper.class, HW, MODELS)).isInstanceOf(SpecFormatException.class)
                .satisfies(e -> assertThat(((SpecFormatException) e).path()).isEqualTo("$.spec.model"));
        assertThatThrownBy(() -> SpecJson.readValue(utf8("{\"spec\": " + SPEC + ", \"budgt\": 1}"), Wrapper.class,
                HW, MODELS)).hasMessageContaining("unknown property \"budgt\"");
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedJsonNotReplacementCharacters() {
        byte[] body = utf8(SPEC.replace("nvidia-l4-24gb", "nvidia-l4-24gbX"));
        body[SPEC.indexOf("nvidia-l4-24gb") + "nvidia-l4-24gb".length()] = (byte) 0xFF;

        assertThatThrownBy(() -> SpecJson.readWorkload(body, HW, MODELS)).isInstanceOf(SpecFormatException.class)
                .hasMessageContaining("malformed JSON").hasMessageContaining("UTF-8");
    }

    @Test
    void estimatesAndModelsWriteAsArraysOfTheirSingleForms() {
        Estimate e = new Estimate(2, 1, 3, 2, 1, 0.8, "test");
        assertThat(SpecJson.writeEstimates(List.of(e, e)).replaceAll("\\s", ""))
                .isEqualTo("[" + SpecJson.writeEstimate(e).replaceAll("\\s", "") + ","
                        + SpecJson.writeEstimate(e).replaceAll("\\s", "") + "]");
        var model = MODELS.require("resnet50").withGraph(null);
        assertThat(SpecJson.writeModels(List.of(model)).replaceAll("\\s", ""))
                .isEqualTo("[" + SpecJson.writeModel(model).replaceAll("\\s", "") + "]");
    }
}
