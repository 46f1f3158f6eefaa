package io.github.runtimeestimator.core.graph;

/**
 * Max or average pooling producing {@code outputElements}, each from {@code window} input elements: FLOPs
 * {@code outputElements x window}; elements moved {@code outputElements (window + 1)} (an upper bound:
 * overlapping windows re-read from cache); no weights.
 */
public record Pooling(Variant variant, long outputElements, long window, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.POOLING;

    /** Which pooling. */
    public enum Variant {
        MAX, AVG, ADAPTIVE_AVG, ADAPTIVE_MAX;

        public String id() {
            return Dims.id(this);
        }

        public static Variant fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }
    }

    public Pooling {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "outputElements", outputElements);
        Dims.dim(KIND, "window", window);
    }

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
