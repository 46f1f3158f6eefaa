package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
                .doesNotContain("swin_t");
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

    @Test
    void fromJsonLeavesOutUnusableEntriesAndRefusesAnotherFormatVersion() throws IOException {
        String json = """
                {"formatVersion": 1, "generatedBy": "test", "models": [
                 {"name": "a", "family": "mlp", "parameters": 10, "flopsPerSample": 20.0, "inputShape": "4",
                  "leafLayers": 2, "activationElementsPerSample": 3.0, "matmulFlopsPerSample": 20.0,
                  "csvParameters": [10], "csvFlopsPerSample": [20.0], "descriptorsUsable": true},
                 {"name": "b", "family": "mlp", "parameters": 10, "flopsPerSample": 20.0, "inputShape": "4",
                  "leafLayers": 2, "activationElementsPerSample": 3.0, "matmulFlopsPerSample": 20.0,
                  "csvParameters": [12], "descriptorsUsable": false, "mismatch": "20% apart"}],
                 "skipped": [{"name": "c", "reason": "uncountable"}]}
                """;
        ModelCatalog catalog = ModelCatalog.fromJson(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
        assertThat(catalog.all()).extracting(ModelSpec::name).containsExactly("a");

        String newer = "{\"formatVersion\": 2, \"models\": []}";
        assertThatThrownBy(() -> ModelCatalog.fromJson(
                new ByteArrayInputStream(newer.getBytes(StandardCharsets.UTF_8)), "newer.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("formatVersion 2");
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
        java.nio.file.Path repoCopy = java.nio.file.Path.of("..", "datasets", "model-descriptors.json");
        if (java.nio.file.Files.exists(repoCopy)) {
            try (var in = ModelCatalogTest.class.getResourceAsStream(
                    "/io/github/runtimeestimator/core/catalog/model-catalog.json")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .as("the resource is a copy of datasets/model-descriptors.json; copy it again after regenerating")
                        .isEqualTo(java.nio.file.Files.readString(repoCopy));
            }
        }
    }
}
