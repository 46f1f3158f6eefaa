package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.core.graph.OperatorKind;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator families the per-operator model learns one efficiency model for: the kinds public kernel data
 * covers. Other kinds have no family ({@link #of(Operator)} is empty).
 */
public enum OperatorFamily {
    /** Matrix products, linear layers included ({@link OperatorKind#MATMUL}). */
    MATMUL,
    /** 2-D convolution ({@link OperatorKind#CONV2D}). */
    CONV2D,
    /** Pointwise operators ({@link OperatorKind#ELEMENTWISE}). */
    ELEMENTWISE,
    /** Layer, RMS, batch or group normalisation ({@link OperatorKind#NORMALIZATION}). */
    NORMALIZATION,
    /** Softmax or log-softmax ({@link OperatorKind#SOFTMAX}). */
    SOFTMAX,
    /** Table lookup ({@link OperatorKind#EMBEDDING}). */
    EMBEDDING;

    private final String id = name().toLowerCase(Locale.ROOT);

    /**
     * The operator-kind id ({@code matmul}, {@code normalization}).
     *
     * @return the lower-case name of the constant
     */
    public String id() {
        return id;
    }

    /**
     * The family that learns this operator's efficiency, if any.
     *
     * @param operator the operator
     * @return its family, or empty when its kind has none
     */
    public static Optional<OperatorFamily> of(Operator operator) {
        return of(operator.kind());
    }

    /**
     * The family of an operator kind, if any.
     *
     * @param kind the operator kind
     * @return its family, or empty when it has none
     */
    public static Optional<OperatorFamily> of(OperatorKind kind) {
        switch (kind) {
            case MATMUL:
                return Optional.of(MATMUL);
            case CONV2D:
                return Optional.of(CONV2D);
            case ELEMENTWISE:
                return Optional.of(ELEMENTWISE);
            case NORMALIZATION:
                return Optional.of(NORMALIZATION);
            case SOFTMAX:
                return Optional.of(SOFTMAX);
            case EMBEDDING:
                return Optional.of(EMBEDDING);
            default:
                return Optional.empty();
        }
    }
}
