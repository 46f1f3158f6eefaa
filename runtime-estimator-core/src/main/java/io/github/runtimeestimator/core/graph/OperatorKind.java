package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of operator a graph is made of ({@code docs/formats/operator-graph.md}); ids as in its JSON. */
public enum OperatorKind {
    MATMUL,
    CONV2D,
    ATTENTION,
    ELEMENTWISE,
    NORMALIZATION,
    SOFTMAX,
    EMBEDDING,
    POOLING,
    REDUCTION,
    RECURRENT,
    MEMORY,
    OTHER;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** The id written in JSON and in kernel-measurement rows ({@code matmul}). */
    public String id() {
        return id;
    }

    /** True for the kinds whose FLOPs PyTorch's {@code FlopCounterMode} counts (matrix products). */
    public boolean isMatrixProduct() {
        return this == MATMUL || this == CONV2D || this == ATTENTION;
    }

    /** Parses an id (exact, lower-case); fails naming the field, the value and the known ids. */
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
