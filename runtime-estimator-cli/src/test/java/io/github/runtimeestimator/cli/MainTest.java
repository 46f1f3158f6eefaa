package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final ObjectMapper JSON = JsonMappers.strict();
    private static final List<String> METRIC_KEYS = List.of("rows", "maeSeconds", "rmseSeconds", "mape",
            "medianApe", "within10Pct", "within25Pct", "r2LogTime", "intervalCoverage");

    @TempDir
    Path tmp;

    private final Path xeon = RepositoryFiles.dataset("xeon16-pytorch-cpu.csv");

    private Path spec(String hardware) throws IOException {
        Path f = tmp.resolve("spec.json");
        Files.writeString(f, """
                {"model": {"name": "resnet50", "family": "cnn", "parameters": 25557032, "flopsPerSample": 8.18e9,
                           "inputShape": "3x224x224"},
                 "job": {"phase": "train_epoch", "batchSize": 64, "optimizer": "sgd", "learningRate": 0.1,
                         "datasetSize": 6400},
                 "precision": "bf16",
                 "hardware": %s}
                """.formatted(hardware));
        return f;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void assertOneLineReason(CliHarness.Result r, String contains) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).contains(contains).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void predictPrintsTheEstimateAsJson() throws Exception {
        CliHarness.Result r = CliHarness.run("predict", "--spec", spec("\"nvidia-h100-sxm-80gb\"").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode estimate = JSON.readTree(r.out());
        assertThat(keys(estimate)).containsExactly("seconds", "lowerSeconds", "upperSeconds", "secondsPerStep",
                "steps", "coverage", "estimator");
        assertThat(estimate.get("steps").asLong()).isEqualTo(100);
        assertThat(estimate.get("seconds").asDouble()).isEqualTo(100 * 0.064);
    }

    @Test
    void predictWithAnArtifactLoadsIt() throws Exception {
        Path model = Files.writeString(tmp.resolve("m.rte"), "stub artifact");
        CliHarness.Result r = CliHarness.run("predict", "--spec", spec("\"nvidia-h100-sxm-80gb\"").toString(),
                "--estimator", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void theFormerArtifactFlagStillWorksAndSaysItIsDeprecated() throws Exception {
        Path model = Files.writeString(tmp.resolve("m.rte"), "stub artifact");
        String spec = spec("\"nvidia-h100-sxm-80gb\"").toString();
        CliHarness.Result old = CliHarness.run("predict", "--spec", spec, "--model", model.toString());
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(old.err()).contains("--model is deprecated").contains("use --estimator");
        assertThat(old.out()).isEqualTo(CliHarness.run("predict", "--spec", spec, "--estimator", model.toString()).out());

        assertOneLineReason(CliHarness.run("predict", "--spec", spec, "--estimator", model.toString(), "--model",
                model.toString()), "not both");
    }

    @Test
    void predictRefusesUserMistakesWithExitTwoAndOneLine() throws Exception {
        assertOneLineReason(CliHarness.run("predict", "--spec", tmp.resolve("missing.json").toString()),
                "spec file not found");
        assertOneLineReason(CliHarness.run("predict", "--spec", spec("\"tpu-v9\"").toString()),
                "hardware = \"tpu-v9\": is not in the hardware catalogue");
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"model\": ");
        assertOneLineReason(CliHarness.run("predict", "--spec", bad.toString()), "not a valid workload spec");
        Path corrupt = Files.writeString(tmp.resolve("corrupt.rte"), "garbage");
        assertOneLineReason(CliHarness.run("predict", "--spec", spec("\"nvidia-h100-sxm-80gb\"").toString(),
                "--estimator", corrupt.toString()), "cannot be loaded");
    }

    @Test
    void predictReportsAnInvalidSpecNamingTheField() throws Exception {
        Path f = Files.writeString(tmp.resolve("neg.json"), """
                {"model": {"name": "m", "parameters": 10, "flopsPerSample": 1e6},
                 "job": {"phase": "infer", "batchSize": -3}, "hardware": "nvidia-h100-sxm-80gb"}
                """);
        assertOneLineReason(CliHarness.run("predict", "--spec", f.toString()), "job.batchSize = -3: must be >= 1");
    }

    @Test
    void evaluatePrintsOverallAndPerPhaseMetricsWithSnakeCaseKeys() throws Exception {
        CliHarness.Result r = CliHarness.run("evaluate", "--data", xeon.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(keys(root.get("overall"))).containsExactlyElementsOf(METRIC_KEYS);
        assertThat(root.get("overall").get("rows").asInt()).isEqualTo(82);
        int phaseRows = 0;
        for (String phase : List.of("infer", "train_step", "train_epoch")) {
            if (root.has(phase)) {
                assertThat(keys(root.get(phase))).containsExactlyElementsOf(METRIC_KEYS);
                phaseRows += root.get(phase).get("rows").asInt();
            }
        }
        assertThat(phaseRows).isEqualTo(82);
        assertThat(root.get("rejections")).isEmpty();
    }

    @Test
    void evaluateReportsRowsOnUnknownHardwareAsRejectionsNotACrash() throws Exception {
        List<String> lines = Files.readAllLines(xeon);
        String unknown = lines.get(1).replace("cpu,", "cuda,").replaceFirst(",Intel[^,]*,", ",Mystery GPU 9000,");
        Path holdout = tmp.resolve("holdout.csv");
        Files.write(holdout, List.of(lines.get(0), lines.get(1), unknown));

        CliHarness.Result r = CliHarness.run("evaluate", "--data", holdout.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("overall").get("rows").asInt()).isEqualTo(1);
        assertThat(root.get("rejections")).hasSize(1);
        assertThat(root.get("rejections").get(0).get("reason").asText()).contains("holdout.csv");
    }

    @Test
    void evaluateAsMarkdownPrintsATable() {
        CliHarness.Result r = CliHarness.run("evaluate", "--data", xeon.toString(), "--format", "markdown");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("| scope | rows | MAE s").contains("| overall | 82 |");
    }

    @Test
    void compareWithStubFitsPrintsOneLinePerCandidateAndScope() {
        CliHarness.Result r = CliHarness.run("compare", "--format", "markdown", "--data", xeon.toString(), "--split", "leave-model-out",
                "--trainers", "linear", "--features", "seed", "--quiet");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.startsWith("| leave-model-out")).toList();
        // linear/seed/log_seconds and the study's linear/seed/seconds, each overall + the phases in the file
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4).allMatch(l -> l.contains("| linear | seed |"));
        assertThat(rows).anyMatch(l -> l.contains("| seconds | overall | 82 |"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void compareAsJsonWithImportance() throws Exception {
        CliHarness.Result r = CliHarness.run("compare", "--data", xeon.toString(), "--split", "kfold",
                "--folds", "3", "--trainers", "knn", "--features", "physics", "--importance", "--format", "json",
                "--quiet");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("rows").get(0).get("split").asText()).isEqualTo("kfold-3");
        assertThat(root.get("importance")).hasSize(2); // knn/physics on log seconds and on log(time / roofline)
        assertThat(root.get("importance").get(0).get("fields").get(0).has("maeLogTimeIncrease")).isTrue();
    }

    @Test
    void compareRefusesUnknownNamesAndUncuttableData() {
        assertOneLineReason(CliHarness.run("compare", "--format", "markdown", "--data", xeon.toString(), "--split", "sideways"),
                "unknown split \"sideways\"");
        assertOneLineReason(CliHarness.run("compare", "--format", "markdown", "--data", xeon.toString(), "--trainers", "svm"),
                "unknown trainer \"svm\"");
        assertOneLineReason(CliHarness.run("compare", "--format", "markdown", "--data", xeon.toString(), "--features", "magic"),
                "unknown feature set \"magic\"");
        assertOneLineReason(CliHarness.run("compare", "--format", "markdown", "--data", xeon.toString(), "--split", "leave-hardware-out"),
                "needs ok rows of at least 2 distinct hardware");
    }

    @Test
    void trainRefusesUserMistakesWithExitTwo() {
        assertOneLineReason(CliHarness.run("train", "--data", xeon.toString(), "--trainer", "svm", "--out",
                tmp.resolve("m.rte").toString()), "unknown trainer \"svm\": must be one of");
        assertOneLineReason(CliHarness.run("train", "--data", tmp.resolve("nope.csv").toString(), "--out",
                tmp.resolve("m.rte").toString()), "data file not found");
        assertOneLineReason(CliHarness.run("train", "--data", xeon.toString()), "Missing required option: '--out");
    }

    @Test
    void catalogListsEveryBuiltInEntry() throws Exception {
        CliHarness.Result r = CliHarness.run("catalog", "--format", "markdown");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("| `nvidia-h100-sxm-80gb` | NVIDIA H100 SXM5 80GB | Hopper | 132 | 1980 | 67 |")
                .contains("| `amd-epyc-zen4-2c` |");
        for (var h : io.github.runtimeestimator.core.catalog.HardwareCatalog.builtIn().all()) {
            assertThat(r.out()).contains("| `" + h.id() + "` |");
        }

        // JSON is the catalogue file format: it reads back as a user catalogue
        String text = CliHarness.run("catalog", "--format", "json").out();
        JsonNode json = JSON.readTree(text);
        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("entries").get(0).get("peakFlopsPerSecond").has("fp32")).isTrue();
        Path file = Files.writeString(tmp.resolve("catalog.json"), text);
        assertThat(io.github.runtimeestimator.core.catalog.HardwareCatalog.fromJson(file).all())
                .isEqualTo(io.github.runtimeestimator.core.catalog.HardwareCatalog.builtIn().all());
    }

    @Test
    void catalogCheckPassesOnTheBuiltInFileAndFailsOnABrokenOne() throws Exception {
        CliHarness.Result ok = CliHarness.run("catalog", "--format", "markdown", "--check");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).startsWith("catalogue check passed: ").contains(" entries, ");

        Path broken = Files.writeString(tmp.resolve("broken-catalog.json"), """
                {"formatVersion": 1, "entries": [
                  {"id": "acme-npu-1", "name": "ACME NPU 1", "kind": "gpu", "vendor": "acme",
                   "peakFlopsPerSecond": {"fp32": 1.0e13, "tf32": 5.0e12},
                   "memoryBytes": 17179869184, "memoryBandwidthBytesPerSecond": 5.0e11,
                   "computeUnits": 16, "clockMhz": 1000, "aliases": ["NVIDIA H100 80GB HBM3"], "sources": []}]}
                """);
        CliHarness.Result bad = CliHarness.run("catalog", "--format", "markdown", "--check", "--catalog", broken.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out()).contains("acme-npu-1: sources: no source for its figures")
                .contains("acme-npu-1: aliases: \"nvidia h100 80gb hbm3\" also names nvidia-h100-sxm-80gb")
                .contains("acme-npu-1: peaks: tf32 (5.000e+12) < fp32 (1.000e+13)");
        assertThat(bad.err()).contains("catalogue check failed: 3 problem(s)");
    }

    @Test
    void validateAcceptsTheSharedDataStrictlyAndRejectsABrokenRow() throws Exception {
        assertThat(CliHarness.run("validate", "--strict", "--data", xeon.toString()).exitCode()).isZero();

        List<String> lines = Files.readAllLines(xeon);
        Path broken = Files.write(tmp.resolve("broken.csv"), List.of(lines.get(0), lines.get(1).replace(",ok,", ",maybe,")));
        CliHarness.Result r = CliHarness.run("validate", "--strict", "--data", broken.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("broken.csv:").contains("status = \"maybe\"");
    }

    @Test
    void unknownOptionsAndMissingSubcommandAreUsageErrors() {
        assertOneLineReason(CliHarness.run("predict", "--spec", "s.json", "--frobnicate"), "Unknown option");
        assertThat(CliHarness.run().exitCode()).isEqualTo(2);
    }

    @Test
    void anInternalFailureExitsOneWithItsStackTrace() throws Exception {
        EstimatorSource broken = new EstimatorSource() {
            @Override
            public RuntimeEstimator load(Path artifact) {
                throw new IllegalStateException("boom");
            }

            @Override
            public RuntimeEstimator loadDefault() {
                throw new IllegalStateException("boom");
            }

            @Override
            public RuntimeEstimator fit(TrainerConfig config, List<Measurement> rows) {
                throw new IllegalStateException("boom");
            }
        };
        CliHarness.Result r = CliHarness.run(broken, "predict", "--spec", spec("\"nvidia-h100-sxm-80gb\"").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("internal error").contains("boom").contains("at io.github");
    }
}
