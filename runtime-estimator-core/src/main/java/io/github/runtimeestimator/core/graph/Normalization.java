package io.github.runtimeestimator.core.graph;

/**
 * Layer, RMS, batch or group normalisation of {@code rows} rows of {@code cols} elements each, normalised over
 * {@code cols} (batch norm: {@code rows} = spatial positions of one sample, {@code cols} = channels).
 *
 * <p>FLOPs {@code 5 rows cols} (layer, batch, group) or {@code 4 rows cols} (RMS); elements moved
 * {@code 2 rows cols + 2 cols} (RMS: {@code + cols}); weights {@code 2 cols} (RMS: {@code cols}).
 *
 * @param variant         which normalisation
 * @param rows            rows per sample, multiplied by the batch size
 * @param cols            elements of a row, normalised together
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Normalization(Variant variant, long rows, long cols, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.NORMALIZATION;

    /** Which normalisation. */
    public enum Variant {
        /** Layer normalisation ({@code nn.LayerNorm}). */
        LAYER,
        /** RMS normalisation: a weight per column, no bias. */
        RMS,
        /** Batch normalisation. */
        BATCH,
        /** Group normalisation. */
        GROUP;

        /**
         * The id written in JSON ({@code rms}).
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
     * @param variant         which normalisation
     * @param rows            rows per sample
     * @param cols            elements of a row
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Normalization {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "rows", rows);
        Dims.dim(KIND, "cols", cols);
    }

    /**
     * A normalisation that scales with the batch.
     *
     * @param variant which normalisation
     * @param rows    rows per sample
     * @param cols    elements of a row
     */
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
