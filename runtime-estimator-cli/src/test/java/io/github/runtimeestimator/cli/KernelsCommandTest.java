package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kernels train} and {@code kernels evaluate} on the CPU kernel rows measured on this project's machine
 * ({@code datasets/kernels/epyc2-kernels-cpu.csv}): the file's data rows are split by line, alternately, into a
 * training and a held-out half (real rows only, none invented); the model is trained on one, scored on the other.
 */
class KernelsCommandTest {
    static final String FILE = "kernels/epyc2-kernels-cpu.csv";

    @TempDir
    static Path tmp;
    static Path train;
    static Path heldOut;
    static Path model;
    static CliHarness.Result trained;

    @BeforeAll
    static void trainOnHalf() throws Exception {
        List<String> lines = Files.readAllLines(RepositoryFiles.dataset(FILE), StandardCharsets.UTF_8);
        List<String> a = new ArrayList<>(List.of(lines.get(0)));
        List<String> b = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            (i % 2 == 0 ? a : b).add(lines.get(i));
        }
        train = Files.write(tmp.resolve("train.csv"), a, StandardCharsets.UTF_8);
        heldOut = Files.write(tmp.resolve("held-out.csv"), b, StandardCharsets.UTF_8);
        model = tmp.resolve("cpu-ops.rte");
        trained = CliHarness.run(EstimatorSource.standard(), "kernels", "train", "--data", train.toString(),
                "--out", model.toString(), "--trees", "60", "--depth", "6", "--threads", "1", "--quiet");
    }

    @Test
    void trainStoresThePerOperatorModelWithItsProvenance() throws Exception {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("trained the per-operator model on").contains("-> " + model);

        TrainedEstimator estimator = EstimatorArtifact.read(model);
        var operators = estimator.operatorModel().orElseThrow();
        assertThat(operators.provenance().sources()).singleElement().satisfies(s -> {
            assertThat(s.files()).singleElement().satisfies(f -> {
                assertThat(f.path()).endsWith("train.csv");
                assertThat(f.sha256()).hasSize(64);
                assertThat(f.rows()).isPositive();
            });
        });
        assertThat(operators.provenance().rowsByDevice()).isNotEmpty()
                .allSatisfy((device, families) -> assertThat(device).matches(".+@[12]t/(fp32|bf16)"));
    }

    @Test
    void evaluateScoresOverallPerFamilyAndPerDeviceAsJson() throws Exception {
        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "kernels", "evaluate", "--data",
                heldOut.toString(), "--estimator", model.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JsonMappers.output().readTree(r.out());
        JsonNode overall = json.get("overall");
        assertThat(overall.get("rows").asInt()).isPositive();
        assertThat(overall.get("medianApe").asDouble()).isBetween(0.0, 10.0);
        assertThat(overall.get("within25Pct").asDouble()).isBetween(0.0, 1.0);
        int familyRows = 0;
        for (JsonNode f : json.get("families")) {
            assertThat(f.has("medianApe") && f.has("within25Pct")).isTrue();
            familyRows += f.get("rows").asInt();
        }
        assertThat(familyRows).as("every scored row is in one family").isEqualTo(overall.get("rows").asInt());
        int deviceRows = 0;
        for (JsonNode d : json.get("devices")) {
            deviceRows += d.get("rows").asInt();
        }
        assertThat(deviceRows).as("every scored row is on one device").isEqualTo(overall.get("rows").asInt());
        assertThat(json.get("rowsOk").asInt()).as("ok rows are scored or counted as unsupported")
                .isEqualTo(overall.get("rows").asInt() + sum(json.get("rowsUnsupported")));
    }

    @Test
    void evaluateAsMarkdownIsATable() {
        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "kernels", "evaluate", "--data",
                heldOut.toString(), "--estimator", model.toString(), "--format", "markdown");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("| scope | rows | median APE | within 25% |").contains("| **overall** |")
                .contains("| family ").contains("| device ");
    }

    @Test
    void anArtifactWithoutAPerOperatorModelIsRefusedWithTheWayToTrainOne() {
        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "kernels", "evaluate", "--data",
                heldOut.toString());

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        CliHarness.assertOneLineReason(r, "holds no per-operator model");
        assertThat(r.err()).contains("kernels train");
    }

    @Test
    void aFileThatIsNotAKernelFileIsRefusedInOneLine() {
        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "kernels", "evaluate", "--data",
                RepositoryFiles.dataset("xeon16-pytorch-cpu.csv").toString(), "--estimator", model.toString());

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void anEstimatorOnTheOperatorSumStoresItsModelAndExplainsWhereTheTimeGoes() throws Exception {
        Path opgraph = tmp.resolve("opgraph.rte");
        CliHarness.Result t = CliHarness.run(EstimatorSource.standard(), "train", "--data",
                RepositoryFiles.dataset("epyc2-pytorch-cpu.csv").toString(), "--features", "opgraph", "--target",
                "opsum", "--operator-model", model.toString(), "--hyper", "trees=30", "--out", opgraph.toString(),
                "--quiet");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(EstimatorArtifact.read(opgraph).operatorModel()).isPresent();
        String spec = RepositoryFiles.root().resolve("examples/specs/mlp-cpu.json").toString();

        CliHarness.Result markdown = CliHarness.run(EstimatorSource.standard(), "predict", "--spec", spec,
                "--estimator", opgraph.toString(), "--explain", "--format", "markdown");
        CliHarness.Result json = CliHarness.run(EstimatorSource.standard(), "predict", "--spec", spec,
                "--estimator", opgraph.toString(), "--explain");

        assertThat(markdown.exitCode()).as(markdown.err()).isZero();
        assertThat(markdown.out()).contains("(xgboost/opgraph v2)").contains("Where a step's time goes: operator sum")
                .contains("| operator | kind | calls | time | share of sum | bound | from |");
        JsonNode breakdown = JsonMappers.output().readTree(json.out()).get("breakdown");
        assertThat(breakdown.get("operatorSumSeconds").asDouble()).isPositive();
        assertThat(breakdown.get("operators")).isNotEmpty().allSatisfy(o ->
                assertThat(o.get("share").asDouble()).isBetween(0.0, 1.0));
    }

    @Test
    void featureSetOpgraphWithoutAPerOperatorModelIsRefusedNamingTheOption() {
        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "train", "--data",
                RepositoryFiles.dataset("xeon16-pytorch-cpu.csv").toString(), "--features", "opgraph", "--out",
                tmp.resolve("never.rte").toString(), "--quiet");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        CliHarness.assertOneLineReason(r, "--operator-model");
        assertThat(tmp.resolve("never.rte")).doesNotExist();
    }

    @Test
    void explainingAnEstimatorThatDoesNotSumOperatorsSaysSoAndStillAnswers() throws Exception {
        String spec = RepositoryFiles.root().resolve("examples/specs/mlp-cpu.json").toString();

        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "predict", "--spec", spec, "--explain");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("does not sum operators");
        assertThat(JsonMappers.output().readTree(r.out()).has("breakdown")).isFalse();
    }

    private static int sum(JsonNode counts) {
        int n = 0;
        for (JsonNode c : counts) {
            n += c.asInt();
        }
        return n;
    }
}
