package io.github.runtimeestimator.core.graph;

/**
 * Max or average pooling producing {@code outputElements}, each from {@code window} input elements: FLOPs
 * {@code outputElements x window}; elements moved {@code outputElements (window + 1)} (an upper bound:
 * overlapping windows re-read from cache); no weights.
 *
 * @param variant         which pooling
 * @param outputElements  elements produced per sample, multiplied by the batch size
 * @param window          input elements per output element
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Pooling(Variant variant, long outputElements, long window, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.POOLING;

    /** Which pooling. */
    public enum Variant {
        /** Max pooling. */
        MAX,
        /** Average pooling. */
        AVG,
        /** Adaptive average pooling. */
        ADAPTIVE_AVG,
        /** Adaptive max pooling. */
        ADAPTIVE_MAX;

        /**
         * The id written in JSON ({@code adaptive_avg}).
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
     * @param variant         which pooling
     * @param outputElements  elements produced per sample
     * @param window          input elements per output element
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Pooling {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "outputElements", outputElements);
        Dims.dim(KIND, "window", window);
    }

    /**
     * A pooling that scales with the batch.
     *
     * @param variant        which pooling
     * @param outputElements elements produced per sample
     * @param window         input elements per output element
     */
    public Pooling(Variant variant, long outputElements, long window) {
        this(variant, outputElements, window, true);
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
        return Dims.batchDimId(scalesWithBatch, "outputElements");
    }

    private double scaledOutputs(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? (double) outputElements * batch : outputElements;
    }

    @Override
    public double flops(long batch) {
        return scaledOutputs(batch) * window;
    }

    @Override
    public double matmulFlops(long batch) {
        Dims.batch(batch);
        return 0;
    }

    @Override
    public double elementsMoved(long batch) {
        return scaledOutputs(batch) * (window + 1);
    }

    @Override
    public long weights() {
        return 0;
    }

    @Override
    public Pooling atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch
                ? new Pooling(variant, Dims.times(KIND, "outputElements", outputElements, batch), window, true)
                : this;
    }
}
