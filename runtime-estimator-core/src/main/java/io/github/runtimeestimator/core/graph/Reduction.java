package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.SpecValidationException;

/**
 * A reduction ({@code sum}, {@code mean}, {@code max}, {@code min}, {@code norm}) of {@code inputElements} into
 * {@code outputElements} (at most the input): FLOPs {@code inputElements}; elements moved
 * {@code inputElements + outputElements}; no weights. Both counts grow with the batch.
 *
 * @param variant         which reduction
 * @param inputElements   elements reduced per sample
 * @param outputElements  elements produced per sample, at most {@code inputElements}
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Reduction(Variant variant, long inputElements, long outputElements, boolean scalesWithBatch)
        implements Operator {

    private static final OperatorKind KIND = OperatorKind.REDUCTION;

    /** Which reduction. */
    public enum Variant {
        /** Sum. */
        SUM,
        /** Mean. */
        MEAN,
        /** Maximum. */
        MAX,
        /** Minimum. */
        MIN,
        /** A norm. */
        NORM;

        /**
         * The id written in JSON ({@code mean}).
         *
         * @return the lower-case name of the constant
         */
        public String id() {
            return Dims.id(this);
        }

        /**
         * Parses an id (exact, lower-case); fails with a {@link SpecValidationException} naming the field,
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
     * Validates the components (variant required, counts at least 1, {@code outputElements} at most
     * {@code inputElements}); fails with a {@link SpecValidationException} naming the field.
     *
     * @param variant         which reduction
     * @param inputElements   elements reduced per sample
     * @param outputElements  elements produced per sample
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Reduction {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "inputElements", inputElements);
        Dims.dim(KIND, "outputElements", outputElements);
        if (outputElements > inputElements) {
            throw new SpecValidationException("reduction.outputElements", outputElements,
                    "must be <= inputElements (" + inputElements + ")");
        }
    }

    /**
     * A reduction that scales with the batch.
     *
     * @param variant        which reduction
     * @param inputElements  elements reduced per sample
     * @param outputElements elements produced per sample
     */
    public Reduction(Variant variant, long inputElements, long outputElements) {
        this(variant, inputElements, outputElements, true);
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
        return Dims.batchDimId(scalesWithBatch, "inputElements");
    }

    private double scale(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? batch : 1;
    }

    @Override
    public double flops(long batch) {
        return (double) inputElements * scale(batch);
    }

    @Override
    public double matmulFlops(long batch) {
        Dims.batch(batch);
        return 0;
    }

    @Override
    public double elementsMoved(long batch) {
        return ((double) inputElements + outputElements) * scale(batch);
    }

    @Override
    public long weights() {
        return 0;
    }

    @Override
    public Reduction atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? new Reduction(variant, Dims.times(KIND, "inputElements", inputElements, batch),
                Dims.times(KIND, "outputElements", outputElements, batch), true) : this;
    }
}
