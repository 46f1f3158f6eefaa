package io.github.runtimeestimator.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.internal.JsonFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The architecture in a Hugging Face {@code config.json}, read without Python, and the operator graph and
 * {@link ModelSpec} of that model at a sequence length. Model types: encoders {@code bert}, {@code roberta},
 * {@code distilbert}; decoders {@code gpt2}, {@code gpt_neo}, {@code gptj}, {@code opt}, {@code llama},
 * {@code mistral}, {@code qwen2}, {@code gemma}, {@code phi} (grouped-query attention, gated SiLU/GELU MLPs,
 * RMSNorm, tied or untied heads, rotary (also partial) or learned positions).
 *
 * <p>What the model is, so that {@link #parameters()} is the count Hugging Face publishes
 * ({@code model.num_parameters()}, safetensors metadata): an encoder is its base model ({@code BertModel}) with
 * the pooler where the base model has one (BERT, RoBERTa; not DistilBERT), without a task head; a decoder is
 * the causal language model ({@code LlamaForCausalLM}) with its LM head, whose weight is counted once when tied
 * to the token embedding ({@code tie_word_embeddings}, with each model type's default when absent). Learned
 * position tables count at their configured size (OPT's two offset rows included), rotary tables are buffers.
 *
 * <p>The graph: one forward pass of one sequence of {@code sequenceLength} tokens, logits for every position.
 * Attention is one fused kernel (PyTorch's SDPA, the Transformers default), causal for decoders, so its FLOPs
 * are halved there; local (GPT-Neo) and sliding-window (Mistral) attention are counted as full causal attention,
 * as Transformers computes them with a mask under SDPA. Dropout is not an operator (evaluation mode).
 * {@code flopsPerSample} of the spec is the graph's matrix-product FLOPs, the {@code FlopCounterMode} convention;
 * {@code leafLayers} and {@code activationElementsPerSample} count the modules forward hooks would see, as the
 * collector's {@code describe} does.
 */
public final class HuggingFaceConfig {
    /** The {@code model_type} values this reader knows. */
    public static final List<String> MODEL_TYPES = List.of("bert", "roberta", "distilbert", "gpt2", "gpt_neo", "gptj",
            "opt", "llama", "mistral", "qwen2", "gemma", "phi");

    private static final Map<String, String> ACTIVATIONS = Map.ofEntries(
            Map.entry("gelu", "gelu"), Map.entry("gelu_new", "gelu"), Map.entry("gelu_fast", "gelu"),
            Map.entry("gelu_pytorch_tanh", "gelu"), Map.entry("gelu_python", "gelu"), Map.entry("quick_gelu", "gelu"),
            Map.entry("gelu_accurate", "gelu"), Map.entry("relu", "relu"), Map.entry("silu", "silu"),
            Map.entry("swish", "silu"), Map.entry("tanh", "tanh"), Map.entry("sigmoid", "sigmoid"));
    /** FLOPs per element of a rotary embedding: {@code x cos + rotate(x) sin}. */
    private static final double ROPE_FLOPS_PER_ELEMENT = 3;

    /** Where the norms sit in a block. */
    private enum Block {
        /** BERT: sub-layer, add, norm. */
        POST_NORM,
        /** GPT-2, Llama: norm, sub-layer, add. */
        PRE_NORM,
        /** GPT-J, Phi: one norm, attention and MLP side by side, both added. */
        PARALLEL
    }

    private final String modelType;
    private final Block block;
    private final long hidden;
    private final long layers;
    private final long heads;
    private final long kvHeads;
    private final long headDim;
    private final long ffn;
    private final long vocab;
    /** Rows of the learned position table; 0 with rotary (or no) positions. */
    private final long positionTable;
    private final long tokenTypes;
    /** Rotary dimensions per head; 0 without rotary embeddings. */
    private final long rotaryDims;
    private final Normalization.Variant norm;
    private final boolean gatedMlp;
    private final String activation;
    private final boolean qkvBias;
    private final boolean outBias;
    private final boolean mlpBias;
    private final boolean encoder;
    private final boolean pooler;
    private final boolean finalNorm;
    private final boolean tiedHead;
    private final boolean lmHeadBias;
    private final boolean fusedQkv;
    private final boolean embeddingScale;
    private final boolean qkLayerNorm;
    /** OPT's word_embed_proj_dim when it differs from the hidden size (project_in / project_out), else 0. */
    private final long projection;

    private HuggingFaceConfig(JsonFields f) {
        modelType = f.requiredText("model_type");
        if (!MODEL_TYPES.contains(modelType)) {
            throw new SpecValidationException(f.path("model_type"), modelType, "is not supported; supported: "
                    + String.join(", ", MODEL_TYPES));
        }
        switch (modelType) {
            case "bert":
            case "roberta": {
                encoder = true;
                block = Block.POST_NORM;
                hidden = dim(f, "hidden_size");
                layers = dim(f, "num_hidden_layers");
                heads = dim(f, "num_attention_heads");
                ffn = dim(f, "intermediate_size");
                vocab = dim(f, "vocab_size");
                positionTable = dim(f, "max_position_embeddings");
                tokenTypes = f.has("type_vocab_size") ? dim(f, "type_vocab_size") : 2;
                String positions = f.text("position_embedding_type", "absolute");
                if (!positions.equals("absolute")) {
                    throw new SpecValidationException(f.path("position_embedding_type"), positions,
                            "is not supported (only \"absolute\")");
                }
                activation = activation(f, "hidden_act", "gelu");
                pooler = true;
                break;
            }
            case "distilbert": {
                encoder = true;
                block = Block.POST_NORM;
                hidden = dim(f, "dim");
                layers = dim(f, "n_layers");
                heads = dim(f, "n_heads");
                ffn = dim(f, "hidden_dim");
                vocab = dim(f, "vocab_size");
                positionTable = dim(f, "max_position_embeddings");
                tokenTypes = 0;
                activation = activation(f, "activation", "gelu");
                pooler = false;
                break;
            }
            default: {
                encoder = false;
                pooler = false;
                tokenTypes = 0;
                boolean gpt2Names = modelType.equals("gpt2") || modelType.equals("gptj");
                hidden = dim(f, gpt2Names ? "n_embd" : "hidden_size");
                boolean neo = modelType.equals("gpt_neo");
                layers = dim(f, gpt2Names ? "n_layer" : neo ? "num_layers" : "num_hidden_layers");
                heads = dim(f, gpt2Names ? "n_head" : neo ? "num_heads" : "num_attention_heads");
                vocab = dim(f, "vocab_size");
                if (gpt2Names) {
                    ffn = optionalDim(f, "n_inner", 4 * hidden);
                } else if (modelType.equals("gpt_neo")) {
                    ffn = optionalDim(f, "intermediate_size", 4 * hidden);
                } else if (modelType.equals("opt")) {
                    ffn = dim(f, "ffn_dim");
                } else {
                    ffn = dim(f, "intermediate_size");
                }
                block = modelType.equals("gptj") || modelType.equals("phi") ? Block.PARALLEL : Block.PRE_NORM;
                activation = activation(f, modelType.equals("opt") || modelType.equals("gpt2")
                                || modelType.equals("gpt_neo") || modelType.equals("gptj") ? "activation_function"
                                : modelType.equals("gemma") && f.has("hidden_activation") ? "hidden_activation"
                                : "hidden_act",
                        modelType.equals("opt") ? "relu" : modelType.equals("gemma") ? "gelu_pytorch_tanh"
                                : modelType.startsWith("gpt") ? "gelu_new" : "silu");
                if (modelType.equals("gpt2")) {
                    positionTable = dim(f, "n_positions");
                } else if (modelType.equals("gpt_neo")) {
                    positionTable = dim(f, "max_position_embeddings");
                } else if (modelType.equals("opt")) {
                    positionTable = dim(f, "max_position_embeddings") + 2;
                } else {
                    positionTable = 0;
                }
                break;
            }
        }
        boolean llamaLike = List.of("llama", "mistral", "qwen2", "gemma").contains(modelType);
        long kv = heads;
        if (llamaLike || modelType.equals("phi")) {
            kv = optionalDim(f, "num_key_value_heads", heads);
        }
        kvHeads = kv;
        if (heads % kvHeads != 0) {
            throw new SpecValidationException(f.path("num_key_value_heads"), kvHeads,
                    "must divide the attention heads (" + heads + ")");
        }
        if (f.has("head_dim") && (llamaLike || modelType.equals("phi"))) {
            headDim = dim(f, "head_dim");
        } else {
            if (hidden % heads != 0) {
                throw new SpecValidationException(f.path("hidden_size"), hidden,
                        "must be a multiple of the attention heads (" + heads + ")");
            }
            headDim = hidden / heads;
        }
        if (modelType.equals("gptj")) {
            rotaryDims = optionalDim(f, "rotary_dim", headDim);
        } else if (modelType.equals("phi")) {
            double factor = f.number("partial_rotary_factor", 0.5);
            if (!(factor > 0 && factor <= 1)) {
                throw new SpecValidationException(f.path("partial_rotary_factor"), factor, "must be in (0, 1]");
            }
            rotaryDims = Math.max(1, (long) (headDim * factor));
        } else {
            rotaryDims = llamaLike ? headDim : 0;
        }
        norm = llamaLike ? Normalization.Variant.RMS : Normalization.Variant.LAYER;
        gatedMlp = llamaLike;
        boolean biasDefault = !llamaLike;
        boolean attentionBias = f.bool("attention_bias", false);
        switch (modelType) {
            case "llama":
            case "mistral":
            case "gemma":
                qkvBias = attentionBias;
                outBias = attentionBias;
                break;
            case "qwen2":
                qkvBias = true;
                outBias = false;
                break;
            case "gpt_neo":
            case "gptj":
                qkvBias = false;
                outBias = modelType.equals("gpt_neo");
                break;
            case "opt":
                qkvBias = f.bool("enable_bias", true);
                outBias = qkvBias;
                break;
            default:
                qkvBias = biasDefault;
                outBias = biasDefault;
                break;
        }
        mlpBias = modelType.equals("llama") ? f.bool("mlp_bias", false)
                : modelType.equals("opt") ? f.bool("enable_bias", true) : biasDefault;
        boolean tieDefault = !List.of("llama", "mistral", "qwen2", "phi", "gptj").contains(modelType);
        tiedHead = !encoder && f.bool("tie_word_embeddings", tieDefault);
        lmHeadBias = modelType.equals("gptj") || modelType.equals("phi");
        finalNorm = !encoder && (!modelType.equals("opt") || f.bool("do_layer_norm_before", true)
                && !f.bool("_remove_final_layer_norm", false));
        fusedQkv = modelType.equals("gpt2");
        embeddingScale = modelType.equals("gemma");
        qkLayerNorm = modelType.equals("phi") && f.bool("qk_layernorm", false);
        long projectionDim = modelType.equals("opt") ? optionalDim(f, "word_embed_proj_dim", hidden) : hidden;
        projection = projectionDim == hidden ? 0 : projectionDim;
    }

    private static long dim(JsonFields f, String key) {
        return Checks.atLeast(f.path(key), f.wholeNumber(key), 1L);
    }

    private static long optionalDim(JsonFields f, String key, long ifAbsent) {
        return Checks.atLeast(f.path(key), f.wholeNumber(key, ifAbsent), 1L);
    }

    private static String activation(JsonFields f, String key, String ifAbsent) {
        String name = f.text(key, ifAbsent).toLowerCase(Locale.ROOT);
        String variant = ACTIVATIONS.get(name);
        if (variant == null) {
            throw new SpecValidationException(f.path(key), name, "is not a known activation; known: "
                    + String.join(", ", new java.util.TreeSet<>(ACTIVATIONS.keySet())));
        }
        return variant;
    }

    /**
     * Reads a {@code config.json} object; failures name the config key ({@code num_attention_heads = 0: ...}).
     *
     * @param config the parsed {@code config.json}
     * @return the architecture; an unsupported {@code model_type} or a missing or invalid key fails with a
     *         {@link SpecValidationException}
     */
    public static HuggingFaceConfig parse(JsonNode config) {
        return parse(config, "");
    }

    /**
     * Reads a config found at {@code path} of a larger document ({@code entries[2].huggingFaceConfig}).
     *
     * @param config the config object
     * @param path   where it sits, prefixed to the keys named in failures
     * @return the architecture
     */
    public static HuggingFaceConfig parse(JsonNode config, String path) {
        return new HuggingFaceConfig(JsonFields.of(config, path));
    }

    /**
     * The {@link ModelSpec} of the model in {@code config} at {@code sequenceLength} tokens, with its graph.
     *
     * @param name           the spec's model name; not blank
     * @param config         the parsed {@code config.json}
     * @param sequenceLength tokens per sequence, at least 1
     * @return the spec, as {@link #modelSpec(String, int)} gives it
     */
    public static ModelSpec toModelSpec(String name, JsonNode config, int sequenceLength) {
        return parse(config).modelSpec(name, sequenceLength);
    }

    /**
     * The config's {@code model_type}.
     *
     * @return one of {@link #MODEL_TYPES}
     */
    public String modelType() {
        return modelType;
    }

    /**
     * Trainable parameters, as Hugging Face counts them (see the class comment).
     *
     * @return the parameter count, the weights of the graph
     */
    public long parameters() {
        return build(1).graph().weights();
    }

    /**
     * The forward graph of one sequence of {@code sequenceLength} tokens.
     *
     * @param sequenceLength tokens, at least 1 and, with learned positions, at most {@code max_position_embeddings}
     *                       ({@code n_positions} for GPT-2)
     * @return the graph
     */
    public OperatorGraph graph(int sequenceLength) {
        return build(sequenceLength).graph();
    }

    /**
     * The spec of this model at {@code sequenceLength} tokens: parameters and FLOPs from its graph, leaf layers
     * and activation elements as the collector counts them, input shape the sequence length, family
     * {@code transformer}.
     *
     * @param name           the spec's model name; not blank
     * @param sequenceLength tokens, at least 1 and, with learned positions, at most {@code max_position_embeddings}
     *                       ({@code n_positions} for GPT-2)
     * @return the spec, carrying its graph
     */
    public ModelSpec modelSpec(String name, int sequenceLength) {
        ModuleGraphBuilder b = build(sequenceLength);
        ModelSpec spec = ModelSpec.fromGraph(name, "transformer", b.graph());
        return spec.toBuilder().leafLayers(b.leafLayers()).activationElementsPerSample(b.activationElements())
                .build();
    }

    private ModuleGraphBuilder build(int sequenceLength) {
        Checks.atLeast("sequenceLength", sequenceLength, 1);
        long tokens = sequenceLength;
        if (positionTable > 0 && tokens > positionTable - (modelType.equals("opt") ? 2 : 0)) {
            throw new SpecValidationException("sequenceLength", sequenceLength, "must be <= the "
                    + (positionTable - (modelType.equals("opt") ? 2 : 0)) + " learned positions of this " + modelType
                    + " model");
        }
        ModuleGraphBuilder b = new ModuleGraphBuilder()
                .provenance(null, "huggingface " + modelType, Long.toString(tokens));
        embeddings(b, tokens);
        long layer = layers;
        long qWidth = heads * headDim;
        long kvWidth = kvHeads * headDim;
        long d = hidden;
        Normalization layerNorm = new Normalization(norm, tokens, d);
        Elementwise residual = Elementwise.binary("add", tokens * d);

        if (block != Block.POST_NORM) {
            b.module(layerNorm, layer, "layers.*.input_norm");
        }
        if (fusedQkv) {
            b.module(Matmul.linear(tokens, qWidth + 2 * kvWidth, d, qkvBias), layer, "layers.*.attn.c_attn");
        } else {
            b.module(Matmul.linear(tokens, qWidth, d, qkvBias), layer, "layers.*.attn.q_proj");
            b.module(Matmul.linear(tokens, kvWidth, d, qkvBias), layer, "layers.*.attn.k_proj");
            b.module(Matmul.linear(tokens, kvWidth, d, qkvBias), layer, "layers.*.attn.v_proj");
        }
        if (qkLayerNorm) {
            b.module(new Normalization(Normalization.Variant.LAYER, tokens * heads, headDim), layer,
                    "layers.*.attn.q_layernorm");
            b.module(new Normalization(Normalization.Variant.LAYER, tokens * kvHeads, headDim), layer,
                    "layers.*.attn.k_layernorm");
        }
        if (rotaryDims > 0) {
            b.functional(new Elementwise("rope", tokens * (heads + kvHeads) * rotaryDims, 2, ROPE_FLOPS_PER_ELEMENT,
                    true), layer, "layers.*.attn.rotary");
        }
        b.functional(new Attention(Attention.Variant.SDPA, 1, heads, kvHeads, tokens, tokens, headDim, !encoder, true,
                true), layer, "layers.*.attn.sdpa");
        b.module(Matmul.linear(tokens, d, qWidth, outBias), layer, "layers.*.attn.o_proj");
        if (block == Block.PARALLEL) {
            mlp(b, tokens);
            b.functional(residual, 2 * layer, "layers.*.residual");
        } else {
            b.functional(residual, layer, "layers.*.residual");
            b.module(layerNorm, layer, block == Block.POST_NORM ? "layers.*.attention_norm" : "layers.*.mlp_norm");
            mlp(b, tokens);
            b.functional(residual, layer, "layers.*.residual");
            if (block == Block.POST_NORM) {
                b.module(layerNorm, layer, "layers.*.output_norm");
            }
        }
        if (finalNorm) {
            b.module(layerNorm, "final_norm");
        }
        if (pooler) {
            b.module(Matmul.linear(1, d, d, true), "pooler.dense");
            b.module(Elementwise.unary("tanh", d), "pooler.activation");
        }
        if (!encoder) {
            long headInput = d;
            if (projection > 0) {
                b.module(Matmul.linear(tokens, projection, d, false), "project_out");
                headInput = projection;
            }
            b.module(tiedHead ? new Matmul(Matmul.Variant.MATMUL, 1, tokens, vocab, headInput, false, Matmul.Dim.M)
                    : Matmul.linear(tokens, vocab, headInput, lmHeadBias), "lm_head");
        }
        return b;
    }

    private void embeddings(ModuleGraphBuilder b, long tokens) {
        long embedWidth = projection > 0 ? projection : hidden;
        b.module(new Embedding(tokens, embedWidth, vocab), "embed_tokens");
        if (projection > 0) {
            b.module(Matmul.linear(tokens, hidden, projection, false), "project_in");
        }
        long tables = 1;
        if (positionTable > 0) {
            b.module(new Embedding(tokens, hidden, positionTable), "embed_positions");
            tables++;
        }
        if (tokenTypes > 0) {
            b.module(new Embedding(tokens, hidden, tokenTypes), "embed_token_types");
            tables++;
        }
        if (tables > 1) {
            b.functional(Elementwise.binary("add", tokens * hidden), tables - 1, "embeddings.add");
        }
        if (embeddingScale) {
            b.functional(Elementwise.unary("scale", tokens * hidden), "embeddings.scale");
        }
        if (encoder) {
            b.module(new Normalization(Normalization.Variant.LAYER, tokens, hidden), "embeddings.norm");
        }
    }

    private void mlp(ModuleGraphBuilder b, long tokens) {
        long layer = layers;
        if (gatedMlp) {
            b.module(Matmul.linear(tokens, ffn, hidden, mlpBias), layer, "layers.*.mlp.gate_proj");
            b.module(Matmul.linear(tokens, ffn, hidden, mlpBias), layer, "layers.*.mlp.up_proj");
            b.module(Elementwise.unary(activation, tokens * ffn), layer, "layers.*.mlp.act");
            b.functional(Elementwise.binary("mul", tokens * ffn), layer, "layers.*.mlp.gate");
            b.module(Matmul.linear(tokens, hidden, ffn, mlpBias), layer, "layers.*.mlp.down_proj");
        } else {
            b.module(Matmul.linear(tokens, ffn, hidden, mlpBias), layer, "layers.*.mlp.fc1");
            b.module(Elementwise.unary(activation, tokens * ffn), layer, "layers.*.mlp.act");
            b.module(Matmul.linear(tokens, hidden, ffn, mlpBias), layer, "layers.*.mlp.fc2");
        }
    }

    @Override
    public String toString() {
        return "HuggingFaceConfig[" + modelType + ", hidden " + hidden + ", layers " + layers + ", heads " + heads
                + "/" + kvHeads + ", head dim " + headDim + ", ffn " + ffn + ", vocab " + vocab + "]";
    }
}
