package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of operator a graph is made of ({@code docs/formats/operator-graph.md}); ids as in its JSON. */
public enum OperatorKind {
    /** Matrix products, linear layers included ({@link Matmul}). */
    MATMUL,
    /** 2-D convolution ({@link Conv2d}). */
    CONV2D,
    /** Scaled dot-product attention, forward or backward ({@link Attention}). */
    ATTENTION,
    /** Pointwise operators: activations, arithmetic, dropout, casts ({@link Elementwise}). */
    ELEMENTWISE,
    /** Layer, RMS, batch or group normalisation ({@link Normalization}). */
    NORMALIZATION,
    /** Softmax or log-softmax ({@link Softmax}). */
    SOFTMAX,
    /** Table lookup ({@link Embedding}). */
    EMBEDDING,
    /** Max or average pooling ({@link Pooling}). */
    POOLING,
    /** Sum, mean, max, min or norm over elements ({@link Reduction}). */
    REDUCTION,
    /** LSTM, GRU or plain RNN ({@link Recurrent}). */
    RECURRENT,
    /** Data movement without arithmetic ({@link Memory}). */
    MEMORY,
    /** An operator with no kind of its own, known by its FLOPs and bytes ({@link Other}). */
    OTHER;

    private final String id = name().toLowerCase(Locale.ROOT);

    /**
     * The id written in JSON and in kernel-measurement rows ({@code matmul}).
     *
     * @return the lower-case name of the constant
     */
    public String id() {
        return id;
    }

    /**
     * True for the kinds whose FLOPs PyTorch's {@code FlopCounterMode} counts (matrix products).
     *
     * @return true for {@link #MATMUL}, {@link #CONV2D} and {@link #ATTENTION}
     */
    public boolean isMatrixProduct() {
        return this == MATMUL || this == CONV2D || this == ATTENTION;
    }

    /**
     * Parses an id (exact, lower-case); fails with a {@link SpecValidationException} naming the field, the value
     * and the known ids.
     *
     * @param field the field named in the failure
     * @param id    the id to parse ({@code matmul})
     * @return the kind with that id
     */
    public static OperatorKind fromId(String field, String id) {
        for (OperatorKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new SpecValidationException(field, id, "must be one of "
                + Arrays.stream(values()).map(OperatorKind::id).collect(Collectors.joining(", ", "[", "]")));
    }
}
