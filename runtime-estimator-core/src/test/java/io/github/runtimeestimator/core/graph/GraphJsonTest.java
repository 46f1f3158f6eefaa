package io.github.runtimeestimator.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.io.SpecFormatException;
import io.github.runtimeestimator.core.io.SpecJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The graph document: the format's own example, round trips, and every way a document is refused. */
class GraphJsonTest {

    /** The example of docs/formats/operator-graph.md. */
    private static final String EXAMPLE = """
            {
              "formatVersion": 1,
              "model": "bert_base",
              "source": "trace torch 1.13.0 (collector.graph)",
              "inputShape": "128",
              "operators": [
                { "kind": "embedding", "name": "embeddings.word_embeddings", "lookups": 128, "dim": 768, "vocab": 30522 },
                { "kind": "matmul", "variant": "linear", "name": "encoder.layer.*.attention.self.query", "repeat": 12,
                  "b": 1, "m": 128, "n": 768, "k": 768, "bias": true, "batchDim": "m" },
                { "kind": "attention", "name": "encoder.layer.*.attention", "repeat": 12,
                  "batch": 1, "heads": 12, "kvHeads": 12, "queryLength": 128, "keyLength": 128, "headDim": 64,
                  "causal": false, "fused": false },
                { "kind": "elementwise", "variant": "gelu", "name": "encoder.layer.*.intermediate.act", "repeat": 12,
                  "elements": 393216, "inputs": 1 },
                { "kind": "normalization", "variant": "layer", "repeat": 25, "rows": 128, "cols": 768 }
              ]
            }
            """;

    private static String graphWith(String operator) {
        return "{\"formatVersion\": 1, \"operators\": [{\"kind\": \"elementwise\", \"variant\": \"relu\", "
                + "\"elements\": 4}, " + operator + "]}";
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> GraphJson.read(json)).isInstanceOf(SpecFormatException.class).hasMessage(message);
    }

    @Test
    void readsTheFormatsExample() {
        OperatorGraph g = GraphJson.read(EXAMPLE);
        assertThat(g.model()).isEqualTo("bert_base");
        assertThat(g.inputShape()).isEqualTo("128");
        assertThat(g.entries()).hasSize(5);
        assertThat(g.entries().get(1)).isEqualTo(new OperatorGraph.Entry(Matmul.linear(128, 768, 768, true), 12,
                "encoder.layer.*.attention.self.query"));
        // 12 x 2 * 128 * 768 * 768 (query) + 12 x 4 * 12 * 128 * 128 * 64 (attention)
        assertThat(g.matmulFlopsPerSample()).isEqualTo(12 * 2.0 * 128 * 768 * 768 + 12 * 4.0 * 12 * 128 * 128 * 64);
        assertThat(g.weights()).isEqualTo(30522L * 768 + 12 * (768L * 768 + 768) + 25 * 2 * 768);
        assertThat(GraphJson.read(GraphJson.write(g))).isEqualTo(g);
    }

    @Test
    void randomGraphsSurviveAWriteReadRoundTrip() {
        RandomOperators random = new RandomOperators(77L);
        Random repeats = new Random(78L);
        for (int c = 0; c < 100; c++) {
            List<OperatorGraph.Entry> entries = new ArrayList<>();
            for (Operator op : random.everyKindAnd(repeats.nextInt(10))) {
                entries.add(new OperatorGraph.Entry(op, 1 + repeats.nextInt(4), repeats.nextBoolean() ? null : "op"));
            }
            OperatorGraph graph = OperatorGraph.of(entries).withProvenance("m", "random", "3x8x8");
            assertThat(GraphJson.read(GraphJson.write(graph))).isEqualTo(graph);
        }
    }

    @Test
    void writingLeavesDefaultsOut() {
        OperatorGraph g = OperatorGraph.builder().add(Conv2d.builder().channels(3, 8).size(8, 8).kernel(3).build())
                .add(new Normalization(Normalization.Variant.BATCH, 64, 8, false)).build();
        String json = GraphJson.write(g);
        assertThat(json).doesNotContain("strideH").doesNotContain("groups").doesNotContain("\"repeat\"")
                .contains("\"batchDim\" : \"none\"").doesNotContain("\"variant\" : \"conv\"");
    }

    @Test
    void acceptsDefaultsAndTheDefaultBatchDimensionsOwnName() {
        OperatorGraph g = GraphJson.read(graphWith(
                "{\"kind\": \"normalization\", \"rows\": 2, \"cols\": 3, \"batchDim\": \"rows\"}"));
        assertThat(g.entries().get(1).operator()).isEqualTo(new Normalization(Normalization.Variant.LAYER, 2, 3));
        OperatorGraph lstm = GraphJson.read(graphWith(
                "{\"kind\": \"recurrent\", \"cell\": \"gru\", \"sequenceLength\": 4.0, \"inputSize\": 2, "
                        + "\"hiddenSize\": 2}"));
        assertThat(lstm.entries().get(1).operator()).isEqualTo(new Recurrent(Recurrent.Cell.GRU, 4, 2, 2, 1));
    }

    @Test
    void refusesABadDimensionNamingItsPath() {
        assertRefused(graphWith("{\"kind\": \"matmul\", \"m\": 1, \"n\": 2, \"k\": 0}"),
                "operators[1].k = 0: must be >= 1");
        assertRefused(graphWith("{\"kind\": \"matmul\", \"m\": 1, \"n\": 2, \"k\": 2.5}"),
                "operators[1].k = 2.5: must be a whole number");
        assertRefused(graphWith("{\"kind\": \"matmul\", \"m\": 1, \"n\": \"2\", \"k\": 2}"),
                "operators[1].n = \"2\": must be a whole number");
        assertRefused(graphWith("{\"kind\": \"matmul\", \"m\": 1, \"k\": 2}"), "operators[1].n: missing, is required");
        assertRefused(graphWith("{\"kind\": \"attention\", \"heads\": 8, \"kvHeads\": 3, \"queryLength\": 4, "
                + "\"keyLength\": 4, \"headDim\": 8}"), "operators[1].kvHeads = 3: must divide heads (8)");
        assertRefused(graphWith("{\"kind\": \"softmax\", \"rows\": 1, \"cols\": 2, \"repeat\": 0}"),
                "operators[1].repeat = 0: must be >= 1");
    }

    @Test
    void refusesUnknownKindsVariantsAndKeys() {
        assertRefused(graphWith("{\"kind\": \"conv3d\"}"),
                "operators[1].kind = \"conv3d\": must be one of [matmul, conv2d, attention, elementwise, "
                        + "normalization, softmax, embedding, pooling, reduction, recurrent, memory, other]");
        assertRefused(graphWith("{\"kind\": \"normalization\", \"variant\": \"instance\", \"rows\": 1, \"cols\": 1}"),
                "operators[1].variant = \"instance\": must be one of [layer, rms, batch, group]");
        assertRefused(graphWith("{\"kind\": \"softmax\", \"rows\": 1, \"cols\": 1, \"dim\": -1}"),
                "operators[1].dim = -1: is not a key of softmax; known: kind, variant, name, repeat, batchDim, rows, "
                        + "cols");
        assertRefused(graphWith("{\"kind\": \"softmax\", \"rows\": 1, \"cols\": 1, \"batchDim\": \"cols\"}"),
                "operators[1].batchDim = \"cols\": must be \"rows\" or \"none\"");
        assertRefused(graphWith("{\"kind\": \"elementwise\", \"elements\": 3}"),
                "operators[1].variant: missing, is required and must not be blank");
        assertRefused("{\"formatVersion\": 1, \"operators\": [], \"comment\": \"x\"}",
                "operators = \"[]\": must hold at least one operator");
        assertRefused("{\"formatVersion\": 1, \"operators\": [{\"kind\": \"memory\", \"elements\": 1}], \"note\": 1}",
                "note = 1: is not a key of an operator graph; known: formatVersion, model, source, inputShape, "
                        + "operators");
    }

    @Test
    void refusesDuplicateKeysOtherVersionsAndMalformedJson() {
        assertRefused("{\"formatVersion\": 1, \"operators\": [{\"kind\": \"memory\", \"elements\": 1, "
                        + "\"elements\": 2}]}",
                "operators[0].elements: duplicate key (line 1, column 80)");
        assertRefused("{\"formatVersion\": 2, \"operators\": []}",
                "formatVersion = 2: is not supported (this version reads operator graphs of format 1)");
        assertRefused("{\"operators\": []}", "formatVersion: missing, is required (1)");
        assertThatThrownBy(() -> GraphJson.read("{\"formatVersion\": 1, \"operators\": [{\"kind\": }]}"))
                .isInstanceOf(SpecFormatException.class).hasMessageStartingWith("operators[0].kind: malformed JSON:");
        assertThatThrownBy(() -> GraphJson.read("[1]")).hasMessage("$ = \"array\": must be a JSON object");
        assertThatThrownBy(() -> GraphJson.read(graphWith("{\"kind\": \"matmul\", \"m\": 1, \"n\": 2, \"k\": 0}")))
                .satisfies(e -> assertThat(((SpecFormatException) e).path()).isEqualTo("$.operators[1].k"));
    }

    @Test
    void aModelSpecCarriesItsGraphAndOneWithoutIsWrittenAsBefore() {
        OperatorGraph graph = GraphJson.read(EXAMPLE);
        ModelSpec bare = ModelSpec.builder().name("bert_base").family("transformer").parameters(109_482_240L)
                .flopsPerSample(2.2e10).inputShape("128").build();
        assertThat(SpecJson.writeModel(bare)).doesNotContain("graph");
        ModelSpec withGraph = bare.withGraph(graph);
        String json = SpecJson.writeModel(withGraph);
        assertThat(json).contains("\"graph\"").contains("\"formatVersion\" : 1");
        assertThat(SpecJson.readModel(json)).isEqualTo(withGraph);
        assertThat(SpecJson.readModel(SpecJson.writeModel(bare))).isEqualTo(bare);
    }

    @Test
    void aBadGraphInsideAModelSpecNamesItsFullPath() {
        String json = "{\"name\": \"m\", \"parameters\": 1, \"flopsPerSample\": 1.0, \"graph\": {\"formatVersion\": 1, "
                + "\"operators\": [{\"kind\": \"matmul\", \"m\": 1, \"n\": 2, \"k\": 0}]}}";
        assertThatThrownBy(() -> SpecJson.readModel(json)).isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.graph.operators[0].k: operators[0].k = 0: must be >= 1")
                .satisfies(e -> assertThat(((SpecFormatException) e).path()).isEqualTo("$.graph.operators[0].k"));
        String duplicate = json.replace("\"n\": 2", "\"n\": 2, \"n\": 3");
        assertThatThrownBy(() -> SpecJson.readModel(duplicate)).isInstanceOf(SpecFormatException.class)
                .hasMessageContaining("duplicate key \"n\"");
    }

    @Test
    void kernelRowDimensionsBuildTheSameOperators() {
        assertThat(GraphJson.operatorFromDims("matmul", "linear", java.util.Map.of("b", "1", "m", "512", "n", "768",
                "k", "768", "bias", "false"), "dims")).isEqualTo(Matmul.linear(512, 768, 768, false));
        assertThat(GraphJson.operatorDims(Matmul.linear(512, 768, 768, false)))
                .containsExactly(java.util.Map.entry("b", "1"), java.util.Map.entry("m", "512"),
                        java.util.Map.entry("n", "768"), java.util.Map.entry("k", "768"),
                        java.util.Map.entry("bias", "false"));
        RandomOperators random = new RandomOperators(99L);
        for (Operator op : random.everyKindAnd(200)) {
            if (!op.scalesWithBatch()) {
                continue; // a kernel row has no batch dimension of its own
            }
            String variant = op.kind() == OperatorKind.CONV2D || op.kind() == OperatorKind.EMBEDDING ? null
                    : op.variantId();
            Operator back = GraphJson.operatorFromDims(op.kind().id(), variant, GraphJson.operatorDims(op), "dims");
            // a kernel row has no batch dimension: the operator comes back with its kind's default one
            Operator expected = op instanceof Matmul ? new Matmul(((Matmul) op).variant(), ((Matmul) op).b(),
                    ((Matmul) op).m(), ((Matmul) op).n(), ((Matmul) op).k(), ((Matmul) op).bias()) : op;
            assertThat(back).as("%s", op).isEqualTo(expected);
        }
        assertThatThrownBy(() -> GraphJson.operatorFromDims("matmul", "linear", java.util.Map.of("m", "512",
                "n", "x", "k", "2"), "row 7 dims")).hasMessage("row 7 dims.n = \"x\": must be a whole number");
    }

    @Test
    void fromGraphTakesParametersAndMatmulFlopsFromTheGraph() {
        OperatorGraph graph = GraphJson.read(EXAMPLE);
        ModelSpec spec = ModelSpec.fromGraph("bert_base", "transformer", graph);
        assertThat(spec.parameters()).isEqualTo(graph.weights());
        assertThat(spec.flopsPerSample()).isEqualTo(graph.matmulFlopsPerSample());
        assertThat(spec.matmulFlopsPerSample()).isEqualTo(graph.matmulFlopsPerSample());
        assertThat(spec.inputShape()).isEqualTo("128");
        assertThat(spec.graph()).isSameAs(graph);
    }
}
