package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec JSON round trips exactly, resolves hardware names, and names the JSON path of every fault. */
class SpecJsonTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();

    private static final ModelSpec RESNET50 = ModelSpec.builder().name("resnet50").family("cnn")
            .parameters(25_557_032L).flopsPerSample(8.18e9).inputShape("3x224x224")
            .leafLayers(126L).activationElementsPerSample(2.2e7).matmulFlopsPerSample(8.1e9).build();

    private static String workloadJson(String job, String hardware) {
        return "{\n"
                + "  \"model\": {\"name\": \"resnet50\", \"parameters\": 25557032, \"flopsPerSample\": 8.18e9},\n"
                + "  \"job\": " + job + ",\n"
                + "  \"precision\": \"bf16\",\n"
                + "  \"hardware\": " + hardware + "\n"
                + "}";
    }

    private static final String TRAINING = "{\"phase\": \"train_job\", \"batchSize\": 64, \"optimizer\": \"sgd\","
            + " \"learningRate\": 0.1, \"datasetSize\": 1281167, \"epochs\": 90}";

    @Test
    void workloadWithCatalogueIdRoundTripsExactly() {
        WorkloadSpec spec = SpecJson.readWorkload(workloadJson(TRAINING, "\"nvidia-h100-sxm-80gb\""), CATALOG);

        assertThat(spec.hardware()).isEqualTo(CATALOG.require("nvidia-h100-sxm-80gb"));
        assertThat(spec.job()).isEqualTo(JobSpec.training(64, Optimizer.SGD, 0.1, 1_281_167, 90));
        assertThat(spec.precision()).isEqualTo(Precision.BF16);

        String json = SpecJson.writeWorkload(spec);
        assertThat(json).contains("\n  \"model\" : {", "\"flopsPerSample\" : 8.18E9",
                "\"memoryBandwidthBytesPerSecond\"");
        assertThat(SpecJson.readWorkload(json, CATALOG)).isEqualTo(spec);
        assertThat(SpecJson.readWorkload(json, HardwareCatalog.of(java.util.List.of())))
                .as("written hardware is inline, so no catalogue is needed to read it back").isEqualTo(spec);
    }

    @Test
    void workloadResolvesDriverNamesAndInlineHardware() {
        WorkloadSpec byName = SpecJson.readWorkload(workloadJson(TRAINING, "\"NVIDIA H100 80GB HBM3\""), CATALOG);
        assertThat(byName.hardware().id()).isEqualTo("nvidia-h100-sxm-80gb");

        HardwareSpec custom = CATALOG.require("intel-xeon-emr-16c").withThreadsUsed(4).toBuilder()
                .id("my-cpu").build();
        String inline = SpecJson.writeWorkload(byName.withHardware(custom));
        assertThat(SpecJson.readWorkload(inline, CATALOG).hardware()).isEqualTo(custom);
    }

    @Test
    void workloadWithoutHardwareOrPrecisionReadsWithDefaults() {
        WorkloadSpec spec = SpecJson.readWorkload("{\"model\": {\"name\": \"m\", \"parameters\": 1, "
                + "\"flopsPerSample\": 2}, \"job\": {\"phase\": \"infer\", \"batchSize\": 1}}", CATALOG);

        assertThat(spec.hardware()).isNull();
        assertThat(spec.precision()).isEqualTo(Precision.FP32);
        assertThat(SpecJson.writeWorkload(spec)).doesNotContain("hardware");
        assertThat(SpecJson.readWorkload(SpecJson.writeWorkload(spec), CATALOG)).isEqualTo(spec);
    }

    @Test
    void modelAndEstimateRoundTripExactly() {
        assertThat(SpecJson.readModel(SpecJson.writeModel(RESNET50))).isEqualTo(RESNET50);

        Estimate estimate = new Estimate(1234.5678901234567, 1000.0000000000001, 1500.25, 0.011791,
                104_724L, 0.8, "xgboost/physics@v1");
        String json = SpecJson.writeEstimate(estimate);
        assertThat(json).contains("\"seconds\" : 1234.5678901234567", "\"lowerSeconds\"", "\"upperSeconds\"",
                "\"secondsPerStep\"", "\"coverage\" : 0.8");
        assertThat(SpecJson.readEstimate(json)).isEqualTo(estimate);
        assertThat(json).as("an unknown energy is left out").doesNotContain("energy");
        assertThat(SpecJson.readEstimate(json).hasEnergy()).isFalse();

        Estimate withEnergy = estimate.withEnergyFor(CATALOG.require("nvidia-h100-sxm-80gb").withDeviceCount(8));
        assertThat(withEnergy.energyUpperBoundJoules()).as("seconds x 700 W x 8 devices")
                .isEqualTo(1234.5678901234567 * 700 * 8);
        String energyJson = SpecJson.writeEstimate(withEnergy);
        assertThat(energyJson).contains("\"energyUpperBoundJoules\" : ");
        assertThat(SpecJson.readEstimate(energyJson)).isEqualTo(withEnergy);
        assertThat(withEnergy.toBuilder().build()).isEqualTo(withEnergy);
        assertThat(estimate.withEnergyFor(CATALOG.require("nvidia-a10g-24gb")).hasEnergy())
                .as("no board power figure: no energy").isFalse();
    }

    @Test
    void hardwareByIdWithOverrides() {
        WorkloadSpec eight = SpecJson.readWorkload(workloadJson(TRAINING,
                "{\"id\": \"nvidia-a100-sxm-80gb\", \"deviceCount\": 8}"), CATALOG);
        assertThat(eight.hardware()).isEqualTo(CATALOG.require("nvidia-a100-sxm-80gb").withDeviceCount(8));

        WorkloadSpec four = SpecJson.readWorkload(workloadJson(TRAINING,
                "{\"id\": \"intel-xeon-emr-16c\", \"threads\": 4}"), CATALOG);
        assertThat(four.hardware().id()).isEqualTo("intel-xeon-emr-16c");
        assertThat(four.hardware().threadsUsed()).isEqualTo(4);
        assertThat(four.hardware().computeUnits()).isEqualTo(16);

        WorkloadSpec slice = SpecJson.readWorkload(workloadJson(TRAINING,
                "{\"id\": \"amd-epyc-genoa-9654-96c\", \"cores\": 8, \"threads\": 4, \"deviceCount\": 2}"),
                CATALOG);
        assertThat(slice.hardware().id()).isEqualTo("amd-epyc-genoa-9654-8c");
        assertThat(slice.hardware().computeUnits()).isEqualTo(8);
        assertThat(slice.hardware().threadsUsed()).isEqualTo(4);
        assertThat(slice.hardware().deviceCount()).isEqualTo(2);

        assertThat(SpecJson.readWorkload(workloadJson(TRAINING, "\"amd-epyc-genoa-9654-8c\""), CATALOG).hardware())
                .isEqualTo(CATALOG.require("amd-epyc-genoa-9654-96c").withCores(8));
    }

    @Test
    void hardwareLocalIsTheProbedMachine() {
        WorkloadSpec local = SpecJson.readWorkload(workloadJson(TRAINING, "\"local\""), CATALOG);
        assertThat(local.hardware()).isEqualTo(io.github.runtimeestimator.core.catalog.HardwareProbe.detectLocal(CATALOG));
        WorkloadSpec oneThread = SpecJson.readWorkload(workloadJson(TRAINING, "{\"id\": \"local\", \"deviceCount\": 1}"),
                CATALOG);
        assertThat(oneThread.hardware().id()).isEqualTo(local.hardware().id());
    }

    @Test
    void aBadOverrideNamesItsPathValueAndRule() {
        assertThatThrownBy(() -> SpecJson.readWorkload(workloadJson(TRAINING,
                "{\"id\": \"nvidia-a100-sxm-80gb\", \"deviceCount\": 0}"), CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.hardware.deviceCount: hardware.deviceCount = 0: must be >= 1");
        assertThatThrownBy(() -> SpecJson.readWorkload(workloadJson(TRAINING,
                "{\"id\": \"nvidia-a100-sxm-80gb\", \"threads\": 4}"), CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.hardware.threadsUsed: hardware.threadsUsed = 4: can only be set on a CPU");
        assertThatThrownBy(() -> SpecJson.readWorkload(workloadJson(TRAINING,
                "{\"id\": \"nvidia-h100-sxm\", \"deviceCount\": 8}"), CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.hardware: hardware = \"nvidia-h100-sxm\": is not in the hardware catalogue")
                .hasMessageContaining("nvidia-h100-sxm-80gb");
        assertThatThrownBy(() -> SpecJson.readWorkload(workloadJson(TRAINING,
                "{\"id\": \"nvidia-a100-sxm-80gb\", \"deviceCount\": 1.5}"), CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.hardware.deviceCount: hardware.deviceCount = 1.5: must be a whole number");
    }

    @Test
    void aSpecWithInlineHardwareInTheOldFormatStillReads() {
        // an inline hardware object as written before the datasheet details existed
        String hw = "{\"id\": \"x\", \"name\": \"X\", \"kind\": \"gpu\", \"peakFlopsPerSecond\": {\"fp32\": 1e13},"
                + " \"memoryBytes\": 1073741824, \"memoryBandwidthBytesPerSecond\": 1e12, \"computeUnits\": 10,"
                + " \"clockMhz\": 1000, \"aliases\": [\"X-1\"], \"sources\": [\"sheet\"]}";
        WorkloadSpec spec = SpecJson.readWorkload(workloadJson(TRAINING, hw), CATALOG);
        assertThat(spec.hardware().id()).isEqualTo("x");
        assertThat(spec.hardware().l2CacheBytes()).isZero();
        assertThat(spec.hardware().boostClockMhz()).isEqualTo(1000);
        assertThat(SpecJson.readWorkload(SpecJson.writeWorkload(spec), CATALOG)).isEqualTo(spec);
    }

    @Test
    void aModelNameIsResolvedWithTheModelCatalogue() {
        String json = "{\"model\": \"resnet50\", \"job\": {\"phase\": \"infer\", \"batchSize\": 8}}";
        WorkloadSpec spec = SpecJson.readWorkload(json, CATALOG);
        assertThat(spec.model()).isEqualTo(ModelCatalog.builtIn().require("resnet50"));
        ModelSpec mine = ModelSpec.builder().name("resnet50").parameters(7).flopsPerSample(9).build();
        assertThat(SpecJson.readWorkload(json, CATALOG, ModelCatalog.of(java.util.List.of(mine))).model())
                .isEqualTo(mine);
        assertThatThrownBy(() -> SpecJson.readWorkload(json.replace("resnet50", "resnet5"), CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.model: model = \"resnet5\": is not in the model catalogue; close "
                        + "names: resnet50")
                .satisfies(e -> assertThat(((SpecFormatException) e).path()).isEqualTo("$.model"));
    }

    @Test
    void ruleViolationNamesTheJsonPathAndTheRule() {
        String json = workloadJson("{\"phase\": \"train_step\", \"batchSize\": 0, \"optimizer\": \"adam\"}",
                "\"nvidia-h100-sxm-80gb\"");
        assertThatThrownBy(() -> SpecJson.readWorkload(json, CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.job.batchSize: job.batchSize = 0: must be >= 1 (line ")
                .hasCauseInstanceOf(SpecValidationException.class)
                .satisfies(e -> {
                    SpecFormatException f = (SpecFormatException) e;
                    assertThat(f.path()).isEqualTo("$.job.batchSize");
                    assertThat(f.line()).isEqualTo(3);
                });
    }

    @Test
    void missingModelIsNamed() {
        assertThatThrownBy(() -> SpecJson.readWorkload("{\"job\": {\"phase\": \"infer\", \"batchSize\": 1}}",
                CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.model: model: missing, is required");
    }

    @Test
    void nanFlopsInAModelIsNamed() {
        assertThatThrownBy(() -> SpecJson.readModel("{\"name\": \"m\", \"parameters\": 5, \"flopsPerSample\": -1}"))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.flopsPerSample: model.flopsPerSample = -1.0: must be a finite number > 0");
    }

    @Test
    void unknownHardwareIdListsCloseIds() {
        assertThatThrownBy(() -> SpecJson.readWorkload(workloadJson(TRAINING, "\"nvidia-h100-sxm\""), CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.hardware: hardware = \"nvidia-h100-sxm\": is not in the hardware "
                        + "catalogue; close ids: ")
                .hasMessageContaining("nvidia-h100-sxm-80gb");
    }

    @Test
    void invalidInlineHardwareNamesTheNestedPath() {
        String hw = "{\"id\": \"x\", \"name\": \"X\", \"kind\": \"gpu\", \"peakFlopsPerSecond\": {\"bf16\": 1e15},"
                + " \"memoryBytes\": 1, \"memoryBandwidthBytesPerSecond\": 1e12, \"computeUnits\": 1, \"clockMhz\": 1}";
        assertThatThrownBy(() -> SpecJson.readWorkload(workloadJson(TRAINING, hw), CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.hardware.peakFlopsPerSecond.fp32: hardware.peakFlopsPerSecond.fp32: missing,"
                        + " is required");
    }

    @Test
    void unknownPropertyIsNamedWithItsPath() {
        String json = workloadJson("{\"phase\": \"infer\", \"batchSize\": 1, \"batchsize\": 2}", "\"nvidia-h100-sxm-80gb\"");
        assertThatThrownBy(() -> SpecJson.readWorkload(json, CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.job.batchsize: unknown property \"batchsize\" in JobSpec; known: ")
                .hasMessageContaining("batchSize");
    }

    @Test
    void unknownPrecisionIsNamed() {
        String json = workloadJson(TRAINING, "\"nvidia-h100-sxm-80gb\"").replace("\"bf16\"", "\"fp8\"");
        assertThatThrownBy(() -> SpecJson.readWorkload(json, CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.precision: precision = \"fp8\": must be one of [fp32, tf32, bf16, fp16, int8]");
    }

    @Test
    void fractionalBatchSizeIsRefusedNotTruncated() {
        String json = workloadJson("{\"phase\": \"infer\", \"batchSize\": 64.5}", "\"nvidia-h100-sxm-80gb\"");
        assertThatThrownBy(() -> SpecJson.readWorkload(json, CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.job.batchSize: ");
    }

    @Test
    void malformedJsonReportsPathLineAndColumn() {
        String json = "{\n  \"model\": {\"name\": \"m\", \"parameters\": 1,, \"flopsPerSample\": 2}\n}";
        assertThatThrownBy(() -> SpecJson.readWorkload(json, CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.model")
                .hasMessageContaining("malformed JSON: ")
                .hasMessageContaining("(line 2, column ")
                .satisfies(e -> assertThat(((SpecFormatException) e).line()).isEqualTo(2));
    }

    @Test
    void emptyAndNullInputsFailClearly() {
        assertThatThrownBy(() -> SpecJson.readEstimate("")).isInstanceOf(SpecFormatException.class)
                .hasMessage("$: empty input: expected a Estimate object");
        assertThatThrownBy(() -> SpecJson.readEstimate("null")).isInstanceOf(SpecFormatException.class)
                .hasMessage("$: expected a Estimate object, found null");
        assertThatThrownBy(() -> SpecJson.readEstimate("{\"seconds\": 1} {}")).isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$");
    }

    @Test
    void workloadFileErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("job.json");
        Files.writeString(file, "{\"job\": {\"phase\": \"infer\", \"batchSize\": 1}}");
        assertThatThrownBy(() -> SpecJson.readWorkload(file, CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("job.json: $.model: model: missing, is required");

        Files.writeString(file, SpecJson.writeWorkload(WorkloadSpec.builder().model(RESNET50)
                .job(JobSpec.inference(8)).hardware(CATALOG.require("nvidia-h100-sxm-80gb")).build()));
        assertThat(SpecJson.readWorkload(file, CATALOG).job().batchSize()).isEqualTo(8);
    }
}
