package io.github.runtimeestimator.core.graph;

/**
 * A table lookup ({@code nn.Embedding(vocab, dim)}) of {@code lookups} rows per sample: no FLOPs; elements moved
 * {@code 2 lookups dim + lookups} (rows read and written, one index per lookup); weights {@code vocab dim}.
 *
 * @param lookups         rows looked up per sample (tokens), multiplied by the batch size
 * @param dim             width of a row
 * @param vocab           rows in the table
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Embedding(long lookups, long dim, long vocab, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.EMBEDDING;

    /**
     * Validates the dimensions (each at least 1); fails with a
     * {@link io.github.runtimeestimator.core.SpecValidationException SpecValidationException} naming the field.
     *
     * @param lookups         rows looked up per sample
     * @param dim             width of a row
     * @param vocab           rows in the table
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Embedding {
        Dims.dim(KIND, "lookups", lookups);
        Dims.dim(KIND, "dim", dim);
        Dims.dim(KIND, "vocab", vocab);
    }

    /**
     * A lookup that scales with the batch.
     *
     * @param lookups rows looked up per sample
     * @param dim     width of a row
     * @param vocab   rows in the table
     */
    public Embedding(long lookups, long dim, long vocab) {
        this(lookups, dim, vocab, true);
    }

    @Override
    public OperatorKind kind() {
        return KIND;
    }

    @Override
    public String variantId() {
        return "embedding";
    }

    @Override
    public String batchDimId() {
        return Dims.batchDimId(scalesWithBatch, "lookups");
    }

    private double scaledLookups(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? (double) lookups * batch : lookups;
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
        double l = scaledLookups(batch);
        return 2 * l * dim + l;
    }

    @Override
    public long weights() {
        return Math.multiplyExact(vocab, dim);
    }

    @Override
    public Embedding atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? new Embedding(Dims.times(KIND, "lookups", lookups, batch), dim, vocab, true) : this;
    }
}
