package io.github.runtimeestimator.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Graphs from published Hugging Face {@code config.json} files (test resources {@code hf/*.json}, copied from the
 * model repositories named below) against published parameter counts and the collector's FLOPs.
 */
class HuggingFaceConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode config(String file) throws IOException {
        try (InputStream in = HuggingFaceConfigTest.class.getResourceAsStream("hf/" + file + ".json")) {
            return JSON.readTree(in);
        }
    }

    /**
     * Published parameter counts, one model per model_type. Sources: keras-hub's presets
     * (keras_hub/src/models/&lt;model&gt;/&lt;model&gt;_presets.py, "params", which equal Transformers' counts
     * for these) for bert_base_en_uncased 109,482,240, distil_bert_base_en_uncased 66,362,880, gpt2_base_en
     * 124,439,808, llama2_7b_en 6,738,415,616, mistral_7b_en 7,241,732,096, gemma_2b_en 2,506,172,416 and
     * qwen2.5_0.5b_en 494,032,768; the issue for facebook/opt-1.3b 1,315,758,080 (OPTForCausalLM; keras-hub's
     * 1,315,753,984 lacks the two offset position rows); Transformers' RobertaModel.num_parameters() for roberta-base
     * 124,645,632; GPTNeoForCausalLM.num_parameters() for EleutherAI/gpt-neo-1.3B 1,315,575,808; the Hub's
     * safetensors metadata for microsoft/phi-2 2,779,683,840; the EleutherAI/gpt-j-6b model card's n_parameters
     * 6,053,381,344 (Transformers' GPTJForCausalLM counts 6,050,882,784 of them; the card's figure is the original
     * checkpoint's, 0.04% more).
     */
    static Stream<Arguments> publishedCounts() {
        return Stream.of(
                Arguments.of("bert-base-uncased", 109_482_240L),
                Arguments.of("roberta-base", 124_645_632L),
                Arguments.of("distilbert-base-uncased", 66_362_880L),
                Arguments.of("gpt2", 124_439_808L),
                Arguments.of("gpt-neo-1.3B", 1_315_575_808L),
                Arguments.of("gpt-j-6b", 6_053_381_344L),
                Arguments.of("opt-1.3b", 1_315_758_080L),
                Arguments.of("Llama-2-7b-hf", 6_738_415_616L),
                Arguments.of("Mistral-7B-v0.1", 7_241_732_096L),
                Arguments.of("Qwen2.5-0.5B", 494_032_768L),
                Arguments.of("gemma-2b", 2_506_172_416L),
                Arguments.of("phi-2", 2_779_683_840L));
    }

    @ParameterizedTest(name = "{0}: {1} parameters")
    @MethodSource("publishedCounts")
    void parameterCountsMatchThePublishedOnesWithinHalfAPercent(String model, long published) throws IOException {
        HuggingFaceConfig config = HuggingFaceConfig.parse(config(model));
        assertThat((double) config.parameters()).isCloseTo(published, within(0.005 * published));
        ModelSpec spec = config.modelSpec(model, 128);
        assertThat(spec.parameters()).isEqualTo(config.parameters());
        assertThat(spec.graph().weights()).isEqualTo(config.parameters());
    }

    @Test
    void everyCountIsExactExceptTheGptJModelCardsOriginalCheckpoint() throws IOException {
        for (Arguments a : publishedCounts().toList()) {
            String model = (String) a.get()[0];
            long expected = model.equals("gpt-j-6b") ? 6_050_882_784L : (Long) a.get()[1];
            assertThat(HuggingFaceConfig.parse(config(model)).parameters()).as(model).isEqualTo(expected);
        }
    }

    /**
     * Forward FLOPs against the collector's code-defined models of the same architecture, as printed by
     * {@code /usr/bin/python3 -m collector describe --model bert_base} (22,348,434,432: BERT-base with pooler and a
     * 2-label classifier, 128 tokens) and {@code --model gpt2_small} (32,228,179,968: GPT-2 small LM, 128 tokens).
     */
    @Test
    void forwardFlopsMatchTheCollectorsModelsOfTheSameArchitectureWithinTwoPercent() throws IOException {
        ModelSpec bert = HuggingFaceConfig.toModelSpec("bert-base-uncased", config("bert-base-uncased"), 128);
        assertThat(bert.flopsPerSample()).isCloseTo(22_348_434_432.0, within(0.02 * 22_348_434_432.0));
        // only the classifier's 2 x 768 x 2 FLOPs differ: BERT's attention is not causal
        assertThat(22_348_434_432.0 - bert.flopsPerSample()).isEqualTo(2 * 768 * 2.0);

        ModelSpec gpt2 = HuggingFaceConfig.toModelSpec("gpt2", config("gpt2"), 128);
        assertThat(gpt2.flopsPerSample()).isCloseTo(32_228_179_968.0, within(0.02 * 32_228_179_968.0));
        // the collector computes GPT-2's causal scores in full; SDPA skips the masked half of 12 x 2 x 2 L^2 d
        assertThat(32_228_179_968.0 - gpt2.flopsPerSample()).isEqualTo(12 * 2 * 128 * 128 * 768.0);
    }

    @Test
    void bertsDescriptorsAreThoseTheCollectorsHooksCount() throws IOException {
        ModelSpec bert = HuggingFaceConfig.toModelSpec("bert-base-uncased", config("bert-base-uncased"), 128);
        // collector describe bert_base: 115 leaf layers, 18,089,474 activation elements; it has the classifier
        // (one more layer, 2 more elements)
        assertThat(bert.leafLayers()).isEqualTo(115 - 1);
        assertThat(bert.activationElementsPerSample()).isEqualTo(18_089_474.0 - 2);
        assertThat(bert.matmulFlopsPerSample()).isEqualTo(bert.flopsPerSample());
        assertThat(bert.inputShape()).isEqualTo("128");
        assertThat(bert.family()).isEqualTo("transformer");
    }

    @Test
    void groupedQueryAttentionGatedMlpAndRmsNormForMistral() throws IOException {
        OperatorGraph g = HuggingFaceConfig.parse(config("Mistral-7B-v0.1")).graph(256);
        assertThat(g.entries()).extracting(OperatorGraph.Entry::operator)
                .contains(Matmul.linear(256, 1024, 4096, false), Matmul.linear(256, 14336, 4096, false),
                        new Attention(Attention.Variant.SDPA, 1, 32, 8, 256, 256, 128, true, true, true),
                        new Normalization(Normalization.Variant.RMS, 256, 4096), Elementwise.unary("silu", 256 * 14336),
                        Elementwise.binary("mul", 256 * 14336), Matmul.linear(256, 32000, 4096, false));
        // rotary on 32 query and 8 key heads of 128
        assertThat(g.entries()).anySatisfy(e -> assertThat(e.operator())
                .isEqualTo(new Elementwise("rope", 256L * 40 * 128, 2, 3, true)));
        assertThat(g.summary()).containsKeys(OperatorKind.MATMUL, OperatorKind.ATTENTION, OperatorKind.NORMALIZATION,
                OperatorKind.ELEMENTWISE, OperatorKind.EMBEDDING);
    }

    @Test
    void tiedHeadsOwnNoWeightAndUntiedOnesDo() throws IOException {
        OperatorGraph gpt2 = HuggingFaceConfig.parse(config("gpt2")).graph(64);
        assertThat(gpt2.entries()).filteredOn(e -> "lm_head".equals(e.name())).singleElement()
                .satisfies(e -> assertThat(e.operator()).isEqualTo(
                        new Matmul(Matmul.Variant.MATMUL, 1, 64, 50257, 768, false, Matmul.Dim.M)));
        ObjectNode untied = ((ObjectNode) config("gpt2").deepCopy()).put("tie_word_embeddings", false);
        assertThat(HuggingFaceConfig.parse(untied).parameters()).isEqualTo(124_439_808L + 768L * 50257);
        // Qwen2.5-0.5B ties its head; qwen2's default would not
        ObjectNode qwenUntied = (ObjectNode) config("Qwen2.5-0.5B").deepCopy();
        qwenUntied.remove("tie_word_embeddings");
        assertThat(HuggingFaceConfig.parse(qwenUntied).parameters()).isEqualTo(494_032_768L + 896L * 151936);
    }

    @Test
    void partialRotaryAndParallelBlocksForPhi() throws IOException {
        OperatorGraph phi = HuggingFaceConfig.parse(config("phi-2")).graph(32);
        // 40% of each 80-wide head is rotated: 32 dimensions of 32 query and 32 key heads
        assertThat(phi.entries()).anySatisfy(e -> assertThat(e.operator())
                .isEqualTo(new Elementwise("rope", 32L * 64 * 32, 2, 3, true)));
        // one norm per block and a final one
        assertThat(phi.summary().get(OperatorKind.NORMALIZATION).operators()).isEqualTo(32 + 1);
    }

    @Test
    void flopsGrowWithTheSequenceAndTheBatch() throws IOException {
        HuggingFaceConfig llama = HuggingFaceConfig.parse(config("Llama-2-7b-hf"));
        OperatorGraph at512 = llama.graph(512);
        OperatorGraph at1024 = llama.graph(1024);
        // 2 x parameters per token (minus the embedding lookup) plus attention, growing faster than the sequence
        assertThat(at512.matmulFlopsPerSample() / 512).isCloseTo(2.0 * (6_738_415_616L - 32000L * 4096), within(
                0.02 * 2 * 6_738_415_616L));
        assertThat(at1024.matmulFlopsPerSample()).isGreaterThan(2 * at512.matmulFlopsPerSample());
        assertThat(at512.flops(8)).isEqualTo(8 * at512.flopsPerSample());
    }

    @Test
    void badConfigsNameTheKeyTheValueAndTheRule() throws IOException {
        ObjectNode noHeads = (ObjectNode) config("bert-base-uncased").deepCopy();
        noHeads.remove("num_attention_heads");
        assertThatThrownBy(() -> HuggingFaceConfig.parse(noHeads))
                .isInstanceOf(SpecValidationException.class).hasMessage("num_attention_heads: missing, is required");
        ObjectNode zero = ((ObjectNode) config("gpt2").deepCopy()).put("n_layer", 0);
        assertThatThrownBy(() -> HuggingFaceConfig.parse(zero)).hasMessage("n_layer = 0: must be >= 1");
        ObjectNode t5 = ((ObjectNode) config("gpt2").deepCopy()).put("model_type", "t5");
        assertThatThrownBy(() -> HuggingFaceConfig.parse(t5)).hasMessage("model_type = \"t5\": is not supported; "
                + "supported: bert, roberta, distilbert, gpt2, gpt_neo, gptj, opt, llama, mistral, qwen2, gemma, phi");
        ObjectNode badGqa = ((ObjectNode) config("Mistral-7B-v0.1").deepCopy()).put("num_key_value_heads", 5);
        assertThatThrownBy(() -> HuggingFaceConfig.parse(badGqa))
                .hasMessage("num_key_value_heads = 5: must divide the attention heads (32)");
        assertThatThrownBy(() -> HuggingFaceConfig.parse(config("bert-base-uncased")).graph(513))
                .hasMessage("sequenceLength = 513: must be <= the 512 learned positions of this bert model");
        assertThatThrownBy(() -> HuggingFaceConfig.parse(config("bert-base-uncased"), "entries[2].huggingFaceConfig")
                .graph(0)).hasMessage("sequenceLength = 0: must be >= 1");
        ObjectNode act = ((ObjectNode) config("Llama-2-7b-hf").deepCopy()).put("hidden_act", "mystery");
        assertThatThrownBy(() -> HuggingFaceConfig.parse(act, "entries[2].huggingFaceConfig"))
                .hasMessageStartingWith("entries[2].huggingFaceConfig.hidden_act = \"mystery\": is not a known "
                        + "activation");
    }
}
