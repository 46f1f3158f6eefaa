package io.github.runtimeestimator.core.graph;

/**
 * Data movement without arithmetic ({@code copy}, {@code transpose}, {@code permute}, {@code cat},
 * {@code contiguous}, {@code pad}, {@code index}) of {@code elements}: no FLOPs; elements moved
 * {@code 2 elements} (read and written); no weights.
 *
 * @param variant         which movement
 * @param elements        elements moved per sample, multiplied by the batch size
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Memory(Variant variant, long elements, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.MEMORY;

    /** Which movement. */
    public enum Variant {
        /** {@code copy}. */
        COPY,
        /** {@code transpose}. */
        TRANSPOSE,
        /** {@code permute}. */
        PERMUTE,
        /** {@code cat}: concatenation. */
        CAT,
        /** {@code contiguous}. */
        CONTIGUOUS,
        /** {@code pad}. */
        PAD,
        /** {@code index}. */
        INDEX;

        /**
         * The id written in JSON ({@code transpose}).
         *
         * @return the lower-case name of the constant
         */
        public String id() {
            return Dims.id(this);
        }

        /**
         * Parses an id (exact, lower-case); fails with a
         * {@link io.github.runtimeestimator.core.SpecValidationException SpecValidationException} naming the field,
         * the value and the known ids.
         *
         * @param field the field named in the failure
         * @param id    the id to parse
         * @return the variant with that id
         */
        public static Variant fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }
    }

    /**
     * Validates the components (variant required, {@code elements} at least 1); fails with a
     * {@link io.github.runtimeestimator.core.SpecValidationException SpecValidationException} naming the field.
     *
     * @param variant         which movement
     * @param elements        elements moved per sample
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Memory {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "elements", elements);
    }

    /**
     * A movement that scales with the batch.
     *
     * @param variant  which movement
     * @param elements elements moved per sample
     */
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
