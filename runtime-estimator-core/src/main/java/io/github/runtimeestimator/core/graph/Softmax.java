package io.github.runtimeestimator.core.graph;

/**
 * Softmax (or log-softmax) of {@code rows} rows over {@code cols}: FLOPs {@code 5 rows cols}, elements moved
 * {@code 2 rows cols}, no weights.
 */
public record Softmax(Variant variant, long rows, long cols, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.SOFTMAX;

    /** Softmax or log-softmax. */
    public enum Variant {
        SOFTMAX, LOG_SOFTMAX;

        public String id() {
            return Dims.id(this);
        }

        public static Variant fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }
    }

    public Softmax {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "rows", rows);
        Dims.dim(KIND, "cols", cols);
    }

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
