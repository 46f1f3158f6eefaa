package io.github.runtimeestimator.core.graph;

/**
 * Softmax (or log-softmax) of {@code rows} rows over {@code cols}: FLOPs {@code 5 rows cols}, elements moved
 * {@code 2 rows cols}, no weights.
 *
 * @param variant         softmax or log-softmax
 * @param rows            rows per sample, multiplied by the batch size
 * @param cols            elements of a row, the softmax's dimension
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Softmax(Variant variant, long rows, long cols, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.SOFTMAX;

    /** Softmax or log-softmax. */
    public enum Variant {
        /** {@code softmax}. */
        SOFTMAX,
        /** {@code log_softmax}. */
        LOG_SOFTMAX;

        /**
         * The id written in JSON ({@code log_softmax}).
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
     * Validates the components (variant required, dimensions at least 1); fails with a
     * {@link io.github.runtimeestimator.core.SpecValidationException SpecValidationException} naming the field.
     *
     * @param variant         softmax or log-softmax
     * @param rows            rows per sample
     * @param cols            elements of a row
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Softmax {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "rows", rows);
        Dims.dim(KIND, "cols", cols);
    }

    /**
     * A {@link Variant#SOFTMAX} that scales with the batch.
     *
     * @param rows rows per sample
     * @param cols elements of a row
     */
    public Softmax(long rows, long cols) {
        this(Variant.SOFTMAX, rows, cols, true);
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
        return Dims.batchDimId(scalesWithBatch, "rows");
    }

    private double scaledRows(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? (double) rows * batch : rows;
    }

    @Override
    public double flops(long batch) {
        return 5 * scaledRows(batch) * cols;
    }

    @Override
    public double matmulFlops(long batch) {
        Dims.batch(batch);
        return 0;
    }

    @Override
    public double elementsMoved(long batch) {
        return 2 * scaledRows(batch) * cols;
    }

    @Override
    public long weights() {
        return 0;
    }

    @Override
    public Softmax atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? new Softmax(variant, Dims.times(KIND, "rows", rows, batch), cols, true) : this;
    }
}
