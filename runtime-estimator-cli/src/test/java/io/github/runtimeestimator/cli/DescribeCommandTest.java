package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code describe} by catalogue name and from a Hugging Face config, and {@code --models} on the commands. */
class DescribeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path gpt2Config() throws IOException {
        return Files.writeString(tmp.resolve("config.json"), """
                {"model_type": "gpt2", "n_embd": 768, "n_layer": 12, "n_head": 12, "n_positions": 1024,
                 "vocab_size": 50257, "activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"]}
                """);
    }

    private static void assertOneLineReason(CliHarness.Result r, String contains) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).contains(contains).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void describesACatalogueModelWithItsOperatorSummary() throws Exception {
        CliHarness.Result r = CliHarness.run("describe", "--model", "bert_base");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        // the catalogue's figures, which the physics features use
        ModelSpec model = SpecJson.readModel(out.get("model").toString());
        assertThat(model.parameters()).isEqualTo(109_483_778L);
        assertThat(model.flopsPerSample()).isEqualTo(22_348_434_432.0);
        assertThat(model.leafLayers()).isEqualTo(115L);
        assertThat(model.graph()).isNull();
        // the catalogue's graph (the collector's trace of its code-defined BERT): its matmul FLOPs are the catalogue's
        JsonNode summary = out.get("operatorSummary");
        assertThat(summary.get("matmulFlopsPerSample").asDouble()).isEqualTo(22_348_434_432.0);
        assertThat(summary.get("weights").asLong()).isEqualTo(109_483_778L);
        assertThat(summary.get("byKind").findValuesAsText("kind"))
                .contains("matmul", "attention", "elementwise", "normalization", "embedding");
    }

    @Test
    void describesAHuggingFaceConfigAndPrintsTheGraphWhenAsked() throws Exception {
        CliHarness.Result r = CliHarness.run("describe", "--hf-config", gpt2Config().toString(),
                "--sequence-length", "128", "--graph");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        ModelSpec model = SpecJson.readModel(out.get("model").toString());
        assertThat(model.name()).isEqualTo("config");
        assertThat(model.parameters()).isEqualTo(124_439_808L);
        assertThat(model.graph().source()).isEqualTo("huggingface gpt2");
        assertThat(out.get("operatorSummary").get("operators").asLong()).isEqualTo(model.graph().operatorCount());
    }

    @Test
    void markdownIsATable() throws Exception {
        CliHarness.Result r = CliHarness.run("describe", "--hf-config", gpt2Config().toString(),
                "--sequence-length", "64", "--name", "gpt2", "--format", "markdown");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Model: gpt2 (transformer), input 64, graph: huggingface gpt2")
                .contains("| parameters | 124,439,808 |")
                .contains("| kind | operators | FLOPs per sample | share of FLOPs | weights |")
                .contains("| attention | 12 |");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        assertOneLineReason(CliHarness.run("describe", "--model", "resnet5"),
                "--model = \"resnet5\": is not in the model catalogue; close names: resnet50");
        assertOneLineReason(CliHarness.run("describe", "--hf-config", tmp.resolve("none.json").toString(),
                "--sequence-length", "8"), "config file not found");
        Path malformed = Files.writeString(tmp.resolve("bad.json"), "{\"model_type\": ");
        assertOneLineReason(CliHarness.run("describe", "--hf-config", malformed.toString(), "--sequence-length", "8"),
                "is not valid JSON");
        Path invalid = Files.writeString(tmp.resolve("zero.json"), "{\"model_type\": \"llama\", \"hidden_size\": 0}");
        assertOneLineReason(CliHarness.run("describe", "--hf-config", invalid.toString(), "--sequence-length", "8"),
                "zero.json: hidden_size = 0: must be >= 1");
        assertOneLineReason(CliHarness.run("describe", "--hf-config", gpt2Config().toString()),
                "--sequence-length is required with --hf-config");
        assertOneLineReason(CliHarness.run("describe", "--hf-config", gpt2Config().toString(),
                "--sequence-length", "2048"), "sequenceLength = 2048: must be <= the 1024 learned positions");
        assertOneLineReason(CliHarness.run("describe", "--model", "bert_base", "--hf-config", "x.json"),
                "mutually exclusive");
    }

    @Test
    void aUserCatalogueAddsModelsToDescribeAndToSpecs() throws Exception {
        Path models = Files.writeString(tmp.resolve("models.json"), """
                {"formatVersion": 1, "entries": [
                  {"name": "my_gpt2", "huggingFaceConfig": {"model_type": "gpt2", "n_embd": 64, "n_layer": 2,
                   "n_head": 4, "n_positions": 128, "vocab_size": 1000}, "sequenceLength": 32}]}
                """);
        CliHarness.Result described = CliHarness.run("describe", "--model", "my_gpt2", "--models", models.toString());
        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(JSON.readTree(described.out()).get("model").get("inputShape").asText()).isEqualTo("32");

        Path spec = Files.writeString(tmp.resolve("spec.json"), """
                {"model": "my_gpt2", "job": {"phase": "infer", "batchSize": 4}, "hardware": "nvidia-h100-sxm-80gb"}
                """);
        assertThat(CliHarness.run("predict", "--spec", spec.toString(), "--models", models.toString()).exitCode())
                .isZero();
        assertOneLineReason(CliHarness.run("predict", "--spec", spec.toString()),
                "model = \"my_gpt2\": is not in the model catalogue");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"formatVersion\": 1, \"entries\": [{}]}");
        assertOneLineReason(CliHarness.run("predict", "--spec", spec.toString(), "--models", broken.toString()),
                "broken.json is not a valid catalogue: " + broken + ": entries[0].name: missing, is required");
    }

    @Test
    void everyCommandThatReadsSpecsOrRowsTakesModels() {
        for (String command : new String[] {"predict", "plan", "train", "evaluate", "compare", "validate",
                "describe"}) {
            CliHarness.Result help = CliHarness.run(command, "--help");
            assertThat(help.out()).as(command).contains("--models=models.json");
        }
    }

    @Test
    void validateWithModelsReadsTheRowsAsBefore() throws Exception {
        Path models = Files.writeString(tmp.resolve("models.json"), """
                {"formatVersion": 1, "entries": [{"name": "resnet18", "parameters": 11689512, "flopsPerSample": 3.6e9,
                  "inputShape": "3x224x224", "leafLayers": 1}]}
                """);
        Path xeon = RepositoryFiles.dataset("xeon16-pytorch-cpu.csv");
        CliHarness.Result plain = CliHarness.run("validate", "--data", xeon.toString());
        CliHarness.Result withModels = CliHarness.run("validate", "--data", xeon.toString(), "--models",
                models.toString());
        assertThat(withModels.exitCode()).isEqualTo(plain.exitCode());
        assertThat(withModels.out()).isEqualTo(plain.out());
    }
}
