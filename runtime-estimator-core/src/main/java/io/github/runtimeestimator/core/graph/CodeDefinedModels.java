package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.ModelSpec;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Analytic graphs and specs of the small models the collector defines in code ({@code collector/models.py}),
 * by the registry's names: {@code mlp_<width>_<depth>} (1024 inputs, ReLU, 10 classes), {@code small_cnn_<c>}
 * (3x64x64 images; three conv 3x3 - ReLU - max-pool 2 stages of c, 2c and 4c channels; global average pool;
 * 10 classes), {@code lstm_<dim>_<layers>} and {@code gru_<dim>_<layers>} (language models over 128 tokens of a
 * 10,000-word vocabulary: embedding, recurrent network, linear head), {@code bert_tiny} ... {@code bert_large}
 * (BERT encoder, pooler and 2-label classifier, Hugging Face shapes), {@code gpt2_small} (GPT-2 small language
 * model with 512 positions and a tied head) and {@code tfenc_<dim>_<layers>} ({@code nn.TransformerEncoder}
 * classifier, 10,000-word vocabulary), all over 128 tokens unless another sequence length is asked for.
 * Parameters, FLOPs, leaf layers and activation elements are those {@code python3 -m collector describe} prints:
 * the collector's attention is written by hand (separate products and softmax, the causal mask applied after
 * computing all scores), so its attention operators are not fused and count the full score matrix.
 */
public final class CodeDefinedModels {
    private static final Pattern MLP = Pattern.compile("mlp_(\\d+)_(\\d+)");
    private static final Pattern SMALL_CNN = Pattern.compile("small_cnn_(\\d+)");
    private static final Pattern RECURRENT = Pattern.compile("(lstm|gru)_(\\d+)_(\\d+)");
    private static final Pattern ENCODER = Pattern.compile("tfenc_(\\d+)_(\\d+)");
    /** The collector's BERT sizes: name -> (width, layers, heads). */
    private static final java.util.Map<String, int[]> BERT_SIZES = java.util.Map.of(
            "bert_tiny", new int[] {128, 2, 2}, "bert_mini", new int[] {256, 4, 4},
            "bert_small", new int[] {512, 4, 8}, "bert_medium", new int[] {512, 8, 8},
            "bert_base", new int[] {768, 12, 12}, "bert_large", new int[] {1024, 24, 16});
    private static final int BERT_VOCABULARY = 30_522;
    private static final int GPT2_VOCABULARY = 50_257;
    private static final int POSITIONS = 512;
    private static final int MLP_INPUTS = 1024;
    private static final int CLASSES = 10;
    private static final int IMAGE = 64;
    private static final int TOKENS = 128;
    private static final int VOCABULARY = 10_000;

    private CodeDefinedModels() {
    }

    /**
     * The spec (with its graph) of a registry name, or empty when the name is not one of these patterns.
     *
     * @param name the registry name ({@code mlp_512_3}, {@code bert_base}), or null
     * @return the spec at the model's default input shape, or empty
     */
    public static Optional<ModelSpec> find(String name) {
        return find(name, null);
    }

    /**
     * The spec of a registry name at an input shape: a token model ({@code bert_*}, {@code gpt2_small},
     * {@code tfenc_*}) at another sequence length ({@code "256"}); null or the default shape for the others.
     * Empty when the name is not one of these models or the shape is not one it can take.
     *
     * @param name       the registry name, or null
     * @param inputShape the sequence length of a token model, or null for the default
     * @return the spec, or empty
     */
    public static Optional<ModelSpec> find(String name, String inputShape) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<ModelSpec> fixed = fixedShape(name);
        if (fixed.isPresent()) {
            return fixed.filter(m -> inputShape == null || m.inputShape().equals(inputShape));
        }
        int tokens = TOKENS;
        if (inputShape != null) {
            if (!inputShape.matches("[1-9][0-9]{0,6}")) {
                return Optional.empty();
            }
            tokens = Integer.parseInt(inputShape);
        }
        int[] bert = BERT_SIZES.get(name);
        if (bert != null) {
            return tokens > POSITIONS ? Optional.empty()
                    : Optional.of(bert(name, bert[0], bert[1], bert[2], tokens));
        }
        if (name.equals("gpt2_small")) {
            return tokens > POSITIONS ? Optional.empty() : Optional.of(gpt2Small(name, tokens));
        }
        Matcher m = ENCODER.matcher(name);
        if (m.matches()) {
            return Optional.of(transformerEncoder(name, parse(m.group(1)), parse(m.group(2)), tokens));
        }
        m = RECURRENT.matcher(name);
        if (m.matches()) {
            return Optional.of(recurrentLanguageModel(name, Recurrent.Cell.fromId("cell", m.group(1)),
                    parse(m.group(2)), parse(m.group(3)), tokens));
        }
        return Optional.empty();
    }

    private static Optional<ModelSpec> fixedShape(String name) {
        Matcher m = MLP.matcher(name);
        if (m.matches()) {
            return Optional.of(mlp(name, parse(m.group(1)), parse(m.group(2))));
        }
        m = SMALL_CNN.matcher(name);
        if (m.matches()) {
            return Optional.of(smallCnn(name, parse(m.group(1))));
        }
        return Optional.empty();
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0; // then refused by the builders' own checks
        }
    }

    /**
     * {@code Linear(1024, width), ReLU, (Linear(width, width), ReLU) x (depth - 1), Linear(width, 10)}.
     *
     * @param name  the spec's model name
     * @param width hidden features, at least 1
     * @param depth hidden layers, at least 1
     * @return the spec, with input shape {@code 1024}
     */
    public static ModelSpec mlp(String name, int width, int depth) {
        Checks.atLeast("width", width, 1);
        Checks.atLeast("depth", depth, 1);
        ModuleGraphBuilder b = new ModuleGraphBuilder().provenance(name, "analytic mlp", Integer.toString(MLP_INPUTS));
        b.module(Matmul.linear(1, width, MLP_INPUTS, true), "0");
        b.module(Elementwise.unary("relu", width), "1");
        if (depth > 1) {
            b.module(Matmul.linear(1, width, width, true), depth - 1, "*.linear");
            b.module(Elementwise.unary("relu", width), depth - 1, "*.relu");
        }
        b.module(Matmul.linear(1, CLASSES, width, true), Integer.toString(2 * depth));
        return spec(name, "mlp", b);
    }

    /**
     * Three stages of conv 3x3 (padding 1) - ReLU - max-pool 2 with c, 2c, 4c channels, then average pool, linear.
     *
     * @param name     the spec's model name
     * @param channels channels of the first stage ({@code c}), at least 1
     * @return the spec, with input shape {@code 3x64x64}
     */
    public static ModelSpec smallCnn(String name, int channels) {
        Checks.atLeast("channels", channels, 1);
        ModuleGraphBuilder b = new ModuleGraphBuilder().provenance(name, "analytic small_cnn", "3x64x64");
        long in = 3;
        long size = IMAGE;
        for (int stage = 0; stage < 3; stage++) {
            long out = (long) channels << stage;
            b.module(Conv2d.builder().channels(in, out).size(size, size).kernel(3).padding(1).bias(true).build(),
                    Integer.toString(3 * stage));
            b.module(Elementwise.unary("relu", out * size * size), Integer.toString(3 * stage + 1));
            size /= 2;
            b.module(new Pooling(Pooling.Variant.MAX, out * size * size, 4), Integer.toString(3 * stage + 2));
            in = out;
        }
        b.module(new Pooling(Pooling.Variant.ADAPTIVE_AVG, in, size * size), "9");
        b.module(Matmul.linear(1, CLASSES, in, true), "11");
        return spec(name, "cnn", b);
    }

    /**
     * {@code Embedding(10000, dim)}, an LSTM or GRU of {@code layers} x {@code dim}, {@code Linear(dim, 10000)},
     * over {@code tokens} tokens.
     *
     * @param name   the spec's model name
     * @param cell   the recurrent cell
     * @param dim    embedding and hidden width, at least 1
     * @param layers recurrent layers, at least 1
     * @param tokens sequence length, at least 1
     * @return the spec
     */
    public static ModelSpec recurrentLanguageModel(String name, Recurrent.Cell cell, int dim, int layers,
                                                   int tokens) {
        Checks.atLeast("dim", dim, 1);
        Checks.atLeast("layers", layers, 1);
        Checks.atLeast("tokens", tokens, 1);
        ModuleGraphBuilder b = new ModuleGraphBuilder().provenance(name, "analytic " + cell.id(),
                Integer.toString(tokens));
        b.module(new Embedding(tokens, dim, VOCABULARY), "embedding");
        b.module(new Recurrent(cell, 1, tokens, dim, dim, layers, false, true), "rnn");
        b.module(Matmul.linear(tokens, VOCABULARY, dim, true), "head");
        return spec(name, "rnn", b);
    }

    /**
     * BERT (HF {@code BertForSequenceClassification} shapes): word, position (512) and token-type embeddings, norm;
     * per layer query, key, value, attention, output projection, norm, intermediate (4 x width), GELU, output, norm;
     * tanh pooler on the first token; a 2-label classifier.
     *
     * @param name   the spec's model name
     * @param width  hidden width, a multiple of {@code heads}
     * @param layers encoder layers, at least 1
     * @param heads  attention heads, at least 1
     * @param tokens sequence length, at least 1
     * @return the spec
     */
    public static ModelSpec bert(String name, int width, int layers, int heads, int tokens) {
        checkTransformer(width, layers, heads, tokens);
        long d = width;
        long l = tokens;
        ModuleGraphBuilder b = new ModuleGraphBuilder().provenance(name, "analytic bert", Integer.toString(tokens));
        b.module(new Embedding(l, d, BERT_VOCABULARY), "word_embeddings");
        b.module(new Embedding(l, d, POSITIONS), "position_embeddings");
        b.module(new Embedding(l, d, 2), "token_type_embeddings");
        b.functional(Elementwise.binary("add", l * d), 2, "embeddings.add");
        b.module(new Normalization(Normalization.Variant.LAYER, l, d), "embedding_norm");
        b.module(Matmul.linear(l, d, d, true), 3L * layers, "layers.*.attention.query_key_value");
        b.functional(new Attention(Attention.Variant.SDPA, 1, heads, heads, l, l, d / heads, false, false, true),
                layers, "layers.*.attention");
        b.module(Matmul.linear(l, d, d, true), layers, "layers.*.attention_output");
        b.functional(Elementwise.binary("add", l * d), layers, "layers.*.residual");
        b.module(new Normalization(Normalization.Variant.LAYER, l, d), layers, "layers.*.attention_norm");
        b.module(Matmul.linear(l, 4 * d, d, true), layers, "layers.*.intermediate");
        b.module(Elementwise.unary("gelu", l * 4 * d), layers, "layers.*.activation");
        b.module(Matmul.linear(l, d, 4 * d, true), layers, "layers.*.output");
        b.functional(Elementwise.binary("add", l * d), layers, "layers.*.residual");
        b.module(new Normalization(Normalization.Variant.LAYER, l, d), layers, "layers.*.output_norm");
        b.module(Matmul.linear(1, d, d, true), "pooler");
        b.module(Elementwise.unary("tanh", d), "pooler_activation");
        b.module(Matmul.linear(1, 2, d, true), "classifier");
        return spec(name, "transformer", b);
    }

    /**
     * GPT-2 small (768 wide, 12 layers, 12 heads, 512 positions): pre-norm blocks with separate query, key and
     * value projections, causal attention computed in full, GELU MLP; final norm; LM head tied to the token
     * embedding.
     *
     * @param name   the spec's model name
     * @param tokens sequence length, at least 1
     * @return the spec
     */
    public static ModelSpec gpt2Small(String name, int tokens) {
        int width = 768;
        int layers = 12;
        int heads = 12;
        checkTransformer(width, layers, heads, tokens);
        long d = width;
        long l = tokens;
        ModuleGraphBuilder b = new ModuleGraphBuilder().provenance(name, "analytic gpt2", Integer.toString(tokens));
        b.module(new Embedding(l, d, GPT2_VOCABULARY), "wte");
        b.module(new Embedding(l, d, POSITIONS), "wpe");
        b.functional(Elementwise.binary("add", l * d), "embeddings.add");
        b.module(new Normalization(Normalization.Variant.LAYER, l, d), layers, "blocks.*.ln_1");
        b.module(Matmul.linear(l, d, d, true), 3L * layers, "blocks.*.attn.query_key_value");
        b.functional(new Attention(Attention.Variant.SDPA, 1, heads, heads, l, l, d / heads, true, false, true),
                layers, "blocks.*.attn");
        b.module(Matmul.linear(l, d, d, true), layers, "blocks.*.attn_proj");
        b.functional(Elementwise.binary("add", l * d), layers, "blocks.*.residual");
        b.module(new Normalization(Normalization.Variant.LAYER, l, d), layers, "blocks.*.ln_2");
        b.module(Matmul.linear(l, 4 * d, d, true), layers, "blocks.*.fc");
        b.module(Elementwise.unary("gelu", l * 4 * d), layers, "blocks.*.act");
        b.module(Matmul.linear(l, d, 4 * d, true), layers, "blocks.*.proj");
        b.functional(Elementwise.binary("add", l * d), layers, "blocks.*.residual");
        b.module(new Normalization(Normalization.Variant.LAYER, l, d), "ln_f");
        b.module(new Matmul(Matmul.Variant.MATMUL, 1, l, GPT2_VOCABULARY, d, false, Matmul.Dim.M), "lm_head");
        return spec(name, "transformer", b);
    }

    /**
     * {@code nn.TransformerEncoder} of post-norm {@code nn.TransformerEncoderLayer}s ({@code max(1, dim / 64)}
     * heads, 4 x dim ReLU feed-forward) over token embeddings, mean-pooled, 2-label classifier.
     * {@code nn.MultiheadAttention} is one module to forward hooks: its input projection and attention are
     * counted as its parts, its output projection as the module.
     *
     * @param name   the spec's model name
     * @param dim    model width, at least 1 and a multiple of the head count {@code max(1, dim / 64)}
     * @param layers encoder layers, at least 1
     * @param tokens sequence length, at least 1
     * @return the spec
     */
    public static ModelSpec transformerEncoder(String name, int dim, int layers, int tokens) {
        int heads = Math.max(1, dim / 64);
        checkTransformer(dim, layers, heads, tokens);
        long d = dim;
        long l = tokens;
        ModuleGraphBuilder b = new ModuleGraphBuilder().provenance(name, "analytic tfenc", Integer.toString(tokens));
        b.module(new Embedding(l, d, VOCABULARY), "embedding");
        b.functional(Matmul.linear(l, 3 * d, d, true), layers, "encoder.layers.*.self_attn.in_proj");
        b.functional(new Attention(Attention.Variant.SDPA, 1, heads, heads, l, l, d / heads, false, false, true),
                layers, "encoder.layers.*.self_attn.attention");
        b.module(Matmul.linear(l, d, d, true), layers, "encoder.layers.*.self_attn");
        b.functional(Elementwise.binary("add", l * d), layers, "encoder.layers.*.residual");
        b.module(new Normalization(Normalization.Variant.LAYER, l, d), layers, "encoder.layers.*.norm1");
        b.module(Matmul.linear(l, 4 * d, d, true), layers, "encoder.layers.*.linear1");
        b.functional(Elementwise.unary("relu", l * 4 * d), layers, "encoder.layers.*.activation");
        b.module(Matmul.linear(l, d, 4 * d, true), layers, "encoder.layers.*.linear2");
        b.functional(Elementwise.binary("add", l * d), layers, "encoder.layers.*.residual");
        b.module(new Normalization(Normalization.Variant.LAYER, l, d), layers, "encoder.layers.*.norm2");
        b.functional(new Reduction(Reduction.Variant.MEAN, l * d, d), "mean");
        b.module(Matmul.linear(1, 2, d, true), "classifier");
        return spec(name, "transformer", b);
    }

    private static void checkTransformer(int width, int layers, int heads, int tokens) {
        Checks.atLeast("width", width, 1);
        Checks.atLeast("layers", layers, 1);
        Checks.atLeast("heads", heads, 1);
        Checks.atLeast("tokens", tokens, 1);
        if (width % heads != 0) {
            throw new io.github.runtimeestimator.core.SpecValidationException("width", width,
                    "must be a multiple of the heads (" + heads + ")");
        }
    }

    private static ModelSpec spec(String name, String family, ModuleGraphBuilder b) {
        return ModelSpec.fromGraph(name, family, b.graph()).toBuilder().leafLayers(b.leafLayers())
                .activationElementsPerSample(b.activationElements()).build();
    }
}
