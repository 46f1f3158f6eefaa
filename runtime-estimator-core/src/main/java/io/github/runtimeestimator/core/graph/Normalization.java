package io.github.runtimeestimator.core.graph;

/**
 * Layer, RMS, batch or group normalisation of {@code rows} rows of {@code cols} elements each, normalised over
 * {@code cols} (batch norm: {@code rows} = spatial positions of one sample, {@code cols} = channels).
 *
 * <p>FLOPs {@code 5 rows cols} (layer, batch, group) or {@code 4 rows cols} (RMS); elements moved
 * {@code 2 rows cols + 2 cols} (RMS: {@code + cols}); weights {@code 2 cols} (RMS: {@code cols}).
 */
public record Normalization(Variant variant, long rows, long cols, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.NORMALIZATION;

    /** Which normalisation. */
    public enum Variant {
        LAYER, RMS, BATCH, GROUP;

        public String id() {
            return Dims.id(this);
        }

        public static Variant fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }
    }

    public Normalization {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "rows", rows);
        Dims.dim(KIND, "cols", cols);
    }

    public Normalization(Variant variant, long rows, long cols) {
        this(variant, rows, cols, true);
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
        return scaledRows(batch) * cols * (variant == Variant.RMS ? 4 : 5);
    }

    @Override
    public double matmulFlops(long batch) {
        Dims.batch(batch);
        return 0;
    }

    @Override
    public double elementsMoved(long batch) {
        return 2 * scaledRows(batch) * cols + weights();
    }

    @Override
    public long weights() {
        return variant == Variant.RMS ? cols : Math.multiplyExact(2, cols);
    }

    @Override
    public Normalization atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? new Normalization(variant, Dims.times(KIND, "rows", rows, batch), cols, true) : this;
    }
}
