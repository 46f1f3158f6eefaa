package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private static ModelSpec bare(String name, long parameters, double flops, String shape) {
        return ModelSpec.builder().name(name).parameters(parameters).flopsPerSample(flops).inputShape(shape).build();
    }

    @Test
    void builtInHoldsTheDatasetModelsWithTheirCollectorFigures() {
        ModelCatalog catalog = ModelCatalog.builtIn();
        ModelSpec resnet50 = catalog.require("resnet50");
        // the figures `python3 -m collector describe --model resnet50` prints, and the H100 CSV's parameters
        assertThat(resnet50.parameters()).isEqualTo(25_557_032L);
        assertThat(resnet50.flopsPerSample()).isEqualTo(8_178_368_512.0);
        assertThat(resnet50.leafLayers()).isEqualTo(126L);
        assertThat(resnet50.family()).isEqualTo("cnn");
        assertThat(resnet50.inputShape()).isEqualTo("3x224x224");
        assertThat(catalog.all()).extracting(ModelSpec::name)
                .contains("resnet152", "vit_l_16", "bert_large", "mlp_8192_2", "small_cnn_32", "maxvit_t")
                // described from its trace: forward hooks cannot see Swin's F.linear on its own weights
                .contains("swin_t");
        assertThat(catalog.all()).allSatisfy(m -> {
            assertThat(m.leafLayers()).isNotNull();
            assertThat(m.activationElementsPerSample()).isNotNull();
            assertThat(m.matmulFlopsPerSample()).isNotNull();
        });
    }

    @Test
    void findIgnoresCaseAndATokenModelHasOneEntryPerSequenceLength() {
        ModelCatalog catalog = ModelCatalog.builtIn();
        assertThat(catalog.find("ResNet50")).contains(catalog.require("resnet50"));
        assertThat(catalog.find("gpt2_small").orElseThrow().inputShape()).isEqualTo("128");
        ModelSpec at256 = catalog.find("gpt2_small", "256").orElseThrow();
        ModelSpec at128 = catalog.find("gpt2_small", "128").orElseThrow();
        assertThat(at256.leafLayers()).isEqualTo(at128.leafLayers());
        assertThat(at256.activationElementsPerSample()).isGreaterThan(1.9 * at128.activationElementsPerSample());
        assertThat(catalog.find("no_such_model")).isEmpty();
    }

    @Test
    void requireOfAnUnknownNameListsCloseNames() {
        assertThatThrownBy(() -> ModelCatalog.builtIn().require("resnet5"))
                .isInstanceOf(UnknownModelException.class)
                .hasMessageContaining("model.name")
                .hasMessageContaining("resnet5")
                .satisfies(e -> assertThat(((UnknownModelException) e).closeNames()).contains("resnet50"));
    }

    @Test
    void withDescriptorsFillsABareSpecOfTheSameModelAndKeepsItsOwnFigures() {
        ModelCatalog catalog = ModelCatalog.builtIn();
        ModelSpec entry = catalog.require("vit_b_16");
        // the H100 file's vit_b_16 row: same parameters, FLOPs without the attention matmuls
        ModelSpec row = bare("vit_b_16", 86_567_656L, 22_542_249_984.0, "3x224x224");

        ModelSpec enriched = catalog.withDescriptors(row);

        assertThat(enriched.flopsPerSample()).isEqualTo(row.flopsPerSample());
        assertThat(enriched.parameters()).isEqualTo(row.parameters());
        assertThat(enriched.leafLayers()).isEqualTo(entry.leafLayers());
        assertThat(enriched.activationElementsPerSample()).isEqualTo(entry.activationElementsPerSample());
        // the collector counts only matmuls, so the share is 1: the spec's own FLOPs (never above them)
        assertThat(enriched.matmulFlopsPerSample()).isEqualTo(row.flopsPerSample());
        assertThat(catalog.descriptorsFor(row)).isSameAs(entry);
    }

    @Test
    void withDescriptorsLeavesTheSpecAloneWhenItDoesNotMatch() {
        ModelCatalog catalog = ModelCatalog.builtIn();
        long p = 25_557_032L;
        ModelSpec tooFar = bare("resnet50", Math.round(p * 1.011), 8.18e9, "3x224x224");
        ModelSpec within = bare("resnet50", Math.round(p * 1.009), 8.18e9, "3x224x224");
        ModelSpec unknown = bare("my_net", p, 8.18e9, "");
        ModelSpec otherShape = bare("gpt2_small", 124_046_592L, 1e11, "512");
        ModelSpec described = bare("resnet50", p, 8.18e9, "").toBuilder().leafLayers(7L).build();

        assertThat(catalog.withDescriptors(tooFar)).isSameAs(tooFar);
        assertThat(catalog.withDescriptors(within).leafLayers()).isEqualTo(126L);
        assertThat(catalog.withDescriptors(unknown)).isSameAs(unknown);
        assertThat(catalog.withDescriptors(otherShape)).isSameAs(otherShape);
        assertThat(catalog.withDescriptors(described)).isSameAs(described);
        // no input shape given: the default (first) shape's entry
        assertThat(catalog.withDescriptors(bare("gpt2_small", 124_046_592L, 3e10, "")).activationElementsPerSample())
                .isEqualTo(catalog.find("gpt2_small", "128").orElseThrow().activationElementsPerSample());
    }

    private static ModelCatalog read(String json) throws IOException {
        return ModelCatalog.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private static final String GRAPH = "{\"formatVersion\": 1, \"inputShape\": \"4\", \"operators\": ["
            + "{\"kind\": \"matmul\", \"variant\": \"linear\", \"m\": 1, \"n\": 3, \"k\": 4, \"bias\": true}]}";

    @Test
    void fromJsonLeavesOutUnusableEntriesAndRefusesAnotherFormatVersion() throws IOException {
        String json = """
                {"formatVersion": 1, "generatedBy": "test", "entries": [
                 {"name": "a", "family": "mlp", "parameters": 10, "flopsPerSample": 20.0, "inputShape": "4",
                  "leafLayers": 2, "activationElementsPerSample": 3.0, "matmulFlopsPerSample": 20.0,
                  "csvParameters": [10], "csvFlopsPerSample": [20.0], "descriptorsUsable": true},
                 {"name": "b", "family": "mlp", "parameters": 10, "flopsPerSample": 20.0, "inputShape": "4",
                  "leafLayers": 2, "activationElementsPerSample": 3.0, "matmulFlopsPerSample": 20.0,
                  "csvParameters": [12], "descriptorsUsable": false, "mismatch": "20% apart"}],
                 "skipped": [{"name": "c", "reason": "uncountable"}]}
                """;
        assertThat(read(json).all()).extracting(ModelSpec::name).containsExactly("a");

        assertThatThrownBy(() -> read("{\"formatVersion\": 2, \"entries\": []}"))
                .isInstanceOf(IOException.class).hasMessage("test.json: formatVersion = 2: is not supported (this "
                        + "version reads model catalogues of format 1)");
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"models\": []}"))
                .isInstanceOf(IOException.class).hasMessage("test.json: entries: missing, is required (a \"models\" "
                        + "list is the shape before operator graphs: rename it \"entries\")");
    }

    @Test
    void anEntryIsAGraphAHuggingFaceConfigOrPlainFigures() throws IOException {
        String config = "{\"model_type\": \"gpt2\", \"n_embd\": 64, \"n_layer\": 2, \"n_head\": 4, "
                + "\"n_positions\": 128, \"vocab_size\": 1000}";
        ModelCatalog catalog = read("{\"formatVersion\": 1, \"entries\": ["
                + "{\"name\": \"tiny\", \"family\": \"mlp\", \"graph\": " + GRAPH + "},"
                + "{\"name\": \"tiny_gpt\", \"huggingFaceConfig\": " + config + ", \"sequenceLength\": 32},"
                + "{\"name\": \"plain\", \"parameters\": 7, \"flopsPerSample\": 9, \"inputShape\": \"3\"}]}");

        ModelSpec tiny = catalog.require("tiny");
        assertThat(tiny.parameters()).isEqualTo(15);
        assertThat(tiny.flopsPerSample()).isEqualTo(24.0);
        assertThat(tiny.inputShape()).isEqualTo("4");
        assertThat(tiny.family()).isEqualTo("mlp");
        assertThat(tiny.graph().entries()).hasSize(1);

        ModelSpec gpt = catalog.require("tiny_gpt");
        assertThat(gpt.family()).isEqualTo("transformer");
        assertThat(gpt.inputShape()).isEqualTo("32");
        assertThat(gpt.graph().source()).isEqualTo("huggingface gpt2");
        assertThat(gpt.leafLayers()).isNotNull();

        ModelSpec plain = catalog.require("plain");
        assertThat(plain.graph()).isNull();
        assertThat(plain.parameters()).isEqualTo(7);
    }

    @Test
    void givenFiguresWinOverTheGraphsButParametersCoverItsWeights() throws IOException {
        ModelSpec described = read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"tiny\", \"graph\": " + GRAPH
                + ", \"parameters\": 15, \"flopsPerSample\": 30.0, \"leafLayers\": 1}]}").require("tiny");
        assertThat(described.flopsPerSample()).isEqualTo(30.0);
        assertThat(described.leafLayers()).isEqualTo(1L);
        // the graph's share of matrix products (all of it) of the FLOPs given
        assertThat(described.matmulFlopsPerSample()).isEqualTo(30.0);
        // a model may own weights its forward pass does not use (auxiliary classifiers), never fewer than it uses
        assertThat(read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"tiny\", \"graph\": " + GRAPH
                + ", \"parameters\": 20}]}").require("tiny").parameters()).isEqualTo(20L);
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"tiny\", \"graph\": "
                + GRAPH + ", \"parameters\": 10}]}"))
                .hasMessage("test.json: entries[0].parameters = 10: is smaller than the graph's weights (15) by more "
                        + "than 1%: a model owns at least the weights it uses");
    }

    @Test
    void badEntriesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"x\", \"parameters\": 0, "
                + "\"flopsPerSample\": 1}]}")).hasMessage("test.json: entries[0].parameters = 0: must be >= 1");
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"x\", \"parameters\": 3}]}"))
                .hasMessage("test.json: entries[0].flopsPerSample: missing, is required without a graph or "
                        + "huggingFaceConfig");
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"x\", \"parameters\": 3, "
                + "\"flopsPerSample\": 1, \"flops\": 2}]}"))
                .hasMessageStartingWith("test.json: entries[0].flops = 2: is not a key of a model catalogue entry; "
                        + "known: name, family,");
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"x\", \"parameters\": 3, "
                + "\"flopsPerSample\": 1, \"sequenceLength\": 2}]}"))
                .hasMessage("test.json: entries[0].sequenceLength = 2: goes with a huggingFaceConfig");
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"x\", \"graph\": "
                + GRAPH.replace("\"k\": 4", "\"k\": 0") + "}]}"))
                .hasMessage("test.json: entries[0].graph.operators[0].k = 0: must be >= 1");
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"x\", "
                + "\"huggingFaceConfig\": {\"model_type\": \"t5\"}, \"sequenceLength\": 8}]}"))
                .hasMessageStartingWith("test.json: entries[0].huggingFaceConfig.model_type = \"t5\": is not "
                        + "supported");
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"x\", \"name\": \"y\"}]}"))
                .hasMessageStartingWith("test.json: entries[0].name: duplicate key");
    }

    @Test
    void aUserFileReplacesEveryBuiltInEntryOfTheSameName() throws IOException {
        ModelCatalog user = read("{\"formatVersion\": 1, \"entries\": ["
                + "{\"name\": \"GPT2_small\", \"parameters\": 5, \"flopsPerSample\": 6, \"inputShape\": \"64\"},"
                + "{\"name\": \"mine\", \"graph\": " + GRAPH + "}]}");
        ModelCatalog merged = ModelCatalog.builtIn().withOverrides(user);
        assertThat(merged.find("gpt2_small", "128")).isEmpty();
        assertThat(merged.require("gpt2_small").parameters()).isEqualTo(5);
        assertThat(merged.require("mine").graph()).isNotNull();
        assertThat(merged.require("resnet50")).isEqualTo(ModelCatalog.builtIn().require("resnet50"));
        assertThat(merged.all()).hasSize(ModelCatalog.builtIn().all().size() - 2 + 2);
    }

    @Test
    void enrichAttachesTheGraphUnderTheSameSafetyAsTheDescriptors() throws IOException {
        ModelCatalog catalog = read("{\"formatVersion\": 1, \"entries\": [{\"name\": \"tiny\", \"graph\": "
                + GRAPH + ", \"leafLayers\": 1}]}");
        ModelSpec row = bare("tiny", 15, 99, "4");
        ModelSpec enriched = catalog.enrich(row);
        assertThat(enriched.graph()).isEqualTo(catalog.require("tiny").graph());
        assertThat(enriched.leafLayers()).isEqualTo(1L);
        // the row keeps what was measured
        assertThat(enriched.flopsPerSample()).isEqualTo(99.0);
        assertThat(catalog.enrich(bare("tiny", 17, 99, "4"))).isEqualTo(bare("tiny", 17, 99, "4"));
        assertThat(catalog.enrich(bare("tiny", 15, 99, "8")).graph()).isNull();
        // a spec with descriptors of its own keeps them and still gains the graph
        ModelSpec described = bare("tiny", 15, 99, "4").toBuilder().leafLayers(5L).build();
        assertThat(catalog.enrich(described).leafLayers()).isEqualTo(5L);
        assertThat(catalog.enrich(described).graph()).isNotNull();
    }

    @Test
    void ofRefusesTheSameNameAndShapeTwice() {
        ModelSpec a = bare("a", 10, 20, "4");
        assertThatThrownBy(() -> ModelCatalog.of(List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
        assertThat(ModelCatalog.of(List.of(a, bare("a", 10, 40, "8"))).all()).hasSize(2);
    }

    @Test
    void builtInMatchesTheDatasetsCopy() throws IOException {
        try (var in = ModelCatalogTest.class.getResourceAsStream(
                "/io/github/runtimeestimator/core/catalog/model-catalog.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .as("the resource is a copy of datasets/model-catalog.json; copy it again after regenerating")
                    .isEqualTo(Files.readString(RepositoryFiles.dataset("model-catalog.json")));
        }
    }

    /**
     * The built-in entries carry exactly the collector's figures of datasets/model-descriptors.json (the shape
     * before graphs), so the physics features, and the shipped default's predictions, are unchanged.
     */
    @Test
    void builtInEntriesCarryTheCollectorsDescriptorsUnchanged() throws IOException {
        Path descriptors = RepositoryFiles.datasets().resolve("model-descriptors.json");
        assumeTrue(Files.exists(descriptors), "datasets/model-descriptors.json was replaced by the catalogue");
        JsonNode models = new ObjectMapper().readTree(descriptors.toFile()).get("models");
        // the catalogue may describe more models than the datasets name; those it shares keep their figures
        assertThat(ModelCatalog.builtIn().all()).hasSizeGreaterThanOrEqualTo(models.size());
        for (JsonNode m : models) {
            ModelSpec e = ModelCatalog.builtIn().find(m.get("name").asText(), m.get("inputShape").asText())
                    .orElseThrow();
            assertThat(e.parameters()).isEqualTo(m.get("parameters").asLong());
            assertThat(e.flopsPerSample()).isEqualTo(m.get("flopsPerSample").asDouble());
            assertThat(e.family()).isEqualTo(m.get("family").asText());
            assertThat(e.leafLayers()).isEqualTo(m.get("leafLayers").asLong());
            assertThat(e.activationElementsPerSample()).isEqualTo(m.get("activationElementsPerSample").asDouble());
            assertThat(e.matmulFlopsPerSample()).isEqualTo(m.get("matmulFlopsPerSample").asDouble());
        }
    }
}
