package io.github.runtimeestimator.core.graph;

/**
 * Data movement without arithmetic ({@code copy}, {@code transpose}, {@code permute}, {@code cat},
 * {@code contiguous}, {@code pad}, {@code index}) of {@code elements}: no FLOPs; elements moved
 * {@code 2 elements} (read and written); no weights.
 */
public record Memory(Variant variant, long elements, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.MEMORY;

    /** Which movement. */
    public enum Variant {
        COPY, TRANSPOSE, PERMUTE, CAT, CONTIGUOUS, PAD, INDEX;

        public String id() {
            return Dims.id(this);
        }

        public static Variant fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }
    }

    public Memory {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "elements", elements);
    }

    public Memory(Variant variant, long elements) {
        this(variant, elements, true);
    }

    @Override
    public OperatorKind kind() {
        return KIND;
    }

    @Override
    public String variantId() {
        return variant.id();
    }

    @Override
    public String batchDimId() {
        return Dims.batchDimId(scalesWithBatch, "elements");
    }

    @Override
    public double flops(long batch) {
        Dims.batch(batch);
        return 0;
    }

    @Override
    public double matmulFlops(long batch) {
        return flops(batch);
    }

    @Override
    public double elementsMoved(long batch) {
        Dims.batch(batch);
        return 2.0 * elements * (scalesWithBatch ? batch : 1);
    }

    @Override
    public long weights() {
        return 0;
    }

    @Override
    public Memory atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? new Memory(variant, Dims.times(KIND, "elements", elements, batch), true) : this;
    }
}
