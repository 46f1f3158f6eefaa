package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.Checks;
import io.github.runtimeestimator.core.ModelSpec;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Analytic graphs and specs of the small models the collector defines in code ({@code collector/models.py}),
 * by the registry's names: {@code mlp_<width>_<depth>} (1024 inputs, ReLU, 10 classes), {@code small_cnn_<c>}
 * (3x64x64 images; three conv 3x3 - ReLU - max-pool 2 stages of c, 2c and 4c channels; global average pool;
 * 10 classes), {@code lstm_<dim>_<layers>} and {@code gru_<dim>_<layers>} (language models over 128 tokens of a
 * 10,000-word vocabulary: embedding, recurrent network, linear head). Parameters, FLOPs, leaf layers and
 * activation elements are those {@code python3 -m collector describe} prints.
 */
public final class CodeDefinedModels {
    private static final Pattern MLP = Pattern.compile("mlp_(\\d+)_(\\d+)");
    private static final Pattern SMALL_CNN = Pattern.compile("small_cnn_(\\d+)");
    private static final Pattern RECURRENT = Pattern.compile("(lstm|gru)_(\\d+)_(\\d+)");
    private static final int MLP_INPUTS = 1024;
    private static final int CLASSES = 10;
    private static final int IMAGE = 64;
    private static final int TOKENS = 128;
    private static final int VOCABULARY = 10_000;

    private CodeDefinedModels() {
    }

    /** The spec (with its graph) of a registry name, or empty when the name is not one of these patterns. */
    public static Optional<ModelSpec> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = MLP.matcher(name);
        if (m.matches()) {
            return Optional.of(mlp(name, parse(m.group(1)), parse(m.group(2))));
        }
        m = SMALL_CNN.matcher(name);
        if (m.matches()) {
            return Optional.of(smallCnn(name, parse(m.group(1))));
        }
        m = RECURRENT.matcher(name);
        if (m.matches()) {
            return Optional.of(recurrentLanguageModel(name, Recurrent.Cell.fromId("cell", m.group(1)),
                    parse(m.group(2)), parse(m.group(3))));
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

    /** {@code Linear(1024, width), ReLU, (Linear(width, width), ReLU) x (depth - 1), Linear(width, 10)}. */
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

    /** Three stages of conv 3x3 (padding 1) - ReLU - max-pool 2 with c, 2c, 4c channels, then average pool, linear. */
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

    /** {@code Embedding(10000, dim)}, an LSTM or GRU of {@code layers} x {@code dim}, {@code Linear(dim, 10000)}. */
    public static ModelSpec recurrentLanguageModel(String name, Recurrent.Cell cell, int dim, int layers) {
        Checks.atLeast("dim", dim, 1);
        Checks.atLeast("layers", layers, 1);
        ModuleGraphBuilder b = new ModuleGraphBuilder().provenance(name, "analytic " + cell.id(),
                Integer.toString(TOKENS));
        b.module(new Embedding(TOKENS, dim, VOCABULARY), "embedding");
        b.module(new Recurrent(cell, 1, TOKENS, dim, dim, layers, false, true), "rnn");
        b.module(Matmul.linear(TOKENS, VOCABULARY, dim, true), "head");
        return spec(name, "rnn", b);
    }

    private static ModelSpec spec(String name, String family, ModuleGraphBuilder b) {
        return ModelSpec.fromGraph(name, family, b.graph()).toBuilder().leafLayers(b.leafLayers())
                .activationElementsPerSample(b.activationElements()).build();
    }
}
