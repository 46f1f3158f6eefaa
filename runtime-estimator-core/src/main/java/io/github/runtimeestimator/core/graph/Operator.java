package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.Precision;

/**
 * One operator of a model's forward pass, for ONE sample, with its dimensions: the unit an operator graph is
 * made of and that a kernel measurement times. Every kind is an immutable record, validated when built, and
 * holds the only copy of its arithmetic ({@code docs/formats/operator-graph.md}, section "Arithmetic"):
 * FLOPs (multiply-add = 2), elements moved to and from memory, and the weights (parameters) it owns.
 *
 * <p>Batch scaling: at batch size {@code B}, exactly one dimension, the operator's batch dimension, is
 * multiplied by {@code B} ({@link #atBatch(long)}); an operator whose batch dimension is {@code none} (one on
 * weights alone) is the same at every batch. {@code flops(B)} is therefore {@code B x flops(1)} for a
 * batched operator; the elements moved grow more slowly, since weights are read once whatever the batch.
 *
 * <p>Value semantics: two operators of equal kind, variant and dimensions are equal, whatever they are called
 * in a graph, so a graph can evaluate each distinct operator once ({@link OperatorGraph#distinct()}).
 */
public sealed interface Operator
        permits Matmul, Conv2d, Attention, Elementwise, Normalization, Softmax, Embedding, Pooling, Reduction,
        Recurrent, Memory, Other {

    /** The JSON value of {@code batchDim} meaning "does not grow with the batch". */
    String BATCH_DIM_NONE = "none";

    /**
     * The operator's kind, written as {@code kind} in JSON.
     *
     * @return the kind
     */
    OperatorKind kind();

    /**
     * The variant as written in JSON ({@code linear}, {@code gelu}, {@code rms}).
     *
     * @return the variant's lower-case id
     */
    String variantId();

    /**
     * False when the operator's batch dimension is {@code none}.
     *
     * @return whether the operator grows with the batch size
     */
    boolean scalesWithBatch();

    /**
     * The JSON name of the dimension multiplied by the batch ({@code m}, {@code rows}), or {@code none}.
     *
     * @return the batch dimension's name, or {@link #BATCH_DIM_NONE}
     */
    String batchDimId();

    /**
     * FLOPs of the operator run at this batch size (multiply-add = 2).
     *
     * @param batch the batch size, at least 1
     * @return the FLOPs
     */
    double flops(long batch);

    /**
     * The part of {@link #flops(long)} spent in matrix products (matmul, conv2d, attention and the matmuls of a
     * recurrent cell): what PyTorch's {@code FlopCounterMode} and the collector's {@code describe} count.
     *
     * @param batch the batch size, at least 1
     * @return the matrix-product FLOPs; 0 for an operator without matrix products
     */
    double matmulFlops(long batch);

    /**
     * Elements read and written at this batch size (times the element size = bytes).
     *
     * @param batch the batch size, at least 1
     * @return the elements moved
     */
    double elementsMoved(long batch);

    /**
     * Bytes moved at this batch size and precision: {@link #elementsMoved(long)} x the element size.
     *
     * @param batch     the batch size, at least 1
     * @param precision the precision whose element size applies
     * @return the bytes moved
     */
    default double bytes(long batch, Precision precision) {
        return elementsMoved(batch) * precision.bytesPerElement();
    }

    /**
     * Parameters this operator owns (a linear layer's weight and bias); 0 for operators without weights.
     *
     * @return the parameter count, the same at every batch size
     */
    long weights();

    /**
     * The operator as run at this batch size: its batch dimension multiplied by {@code batch}.
     *
     * @param batch the batch size, at least 1
     * @return the operator at that batch size; this operator itself when it does not scale with the batch
     */
    Operator atBatch(long batch);

    /**
     * FLOPs of one sample: {@code flops(1)}.
     *
     * @return the FLOPs at batch size 1
     */
    default double flopsPerSample() {
        return flops(1);
    }
}
