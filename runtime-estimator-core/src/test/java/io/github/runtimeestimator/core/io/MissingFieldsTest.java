package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import org.junit.jupiter.api.Test;

/** A required field that is absent is reported as missing, never as "= 0". */
class MissingFieldsTest {
    private static void refused(String json, String path) {
        assertThatThrownBy(() -> SpecJson.readWorkload(json, HardwareCatalog.builtIn()))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith(path + ": is required (missing)")
                .hasMessageNotContaining("= 0");
    }

    @Test
    void absentParametersFlopsAndBatchSizeAreNamedAsMissing() {
        refused("{\"model\": {\"name\": \"m\", \"flopsPerSample\": 1e9}, \"job\": {\"phase\": \"infer\", \"batchSize\": 8},"
                + " \"hardware\": \"nvidia-l4-24gb\"}", "$.model.parameters");
        refused("{\"model\": {\"name\": \"m\", \"parameters\": 10}, \"job\": {\"phase\": \"infer\", \"batchSize\": 8},"
                + " \"hardware\": \"nvidia-l4-24gb\"}", "$.model.flopsPerSample");
        refused("{\"model\": \"resnet50\", \"job\": {\"phase\": \"infer\"}, \"hardware\": \"nvidia-l4-24gb\"}",
                "$.job.batchSize");
    }
}
