package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.SpecValidationException;

/**
 * Scaled dot-product attention: {@code softmax(Q K^T / sqrt(d)) V} for {@code batch} sequences of
 * {@code heads} query heads over {@code kvHeads} key/value heads (grouped-query attention when fewer).
 *
 * <p>Forward ({@link Variant#SDPA}): FLOPs {@code 4 batch heads queryLength keyLength headDim} (the two
 * products), halved when {@code causal}, {@code fused} and {@code queryLength == keyLength} (a fused kernel skips
 * the masked half; separate kernels compute the full score matrix and mask it). Elements moved: Q and O
 * ({@code batch heads queryLength headDim} each), K and V ({@code batch kvHeads keyLength headDim} each), and when
 * not fused the score matrix ({@code batch heads queryLength keyLength}) four times (written by the first product,
 * read and written by the softmax, read by the second product).
 *
 * <p>Backward ({@link Variant#SDPA_BACKWARD}, what {@link TrainingGraph} derives): 2.5 x the forward FLOPs (five
 * products against two, as FlashAttention's backward); elements moved 2 x the forward's Q, K, V, O when fused,
 * else Q, K, V, O plus the score matrix six times (the forward's four and two more).
 *
 * @param variant         forward or backward
 * @param batch           sequences per sample (1), multiplied by the batch size
 * @param heads           query heads
 * @param kvHeads         key/value heads; divides {@code heads}
 * @param queryLength     query positions
 * @param keyLength       key positions
 * @param headDim         width of one head
 * @param causal          a causal mask
 * @param fused           one kernel (SDPA, FlashAttention) rather than product, softmax, product
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Attention(Variant variant, long batch, long heads, long kvHeads, long queryLength, long keyLength,
                        long headDim, boolean causal, boolean fused, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.ATTENTION;

    /** Forward attention, or its backward as {@link TrainingGraph} derives it. */
    public enum Variant {
        /** Forward attention. */
        SDPA,
        /** The backward of {@link #SDPA}, as {@link TrainingGraph} derives it. */
        SDPA_BACKWARD;

        /**
         * The id written in JSON ({@code sdpa_backward}).
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
     * Validates the components (variant required, dimensions at least 1, {@code kvHeads} dividing {@code heads});
     * fails with a {@link SpecValidationException} naming the field.
     *
     * @param variant         forward or backward
     * @param batch           sequences per sample, multiplied by the batch size
     * @param heads           query heads
     * @param kvHeads         key/value heads; divides {@code heads}
     * @param queryLength     query positions
     * @param keyLength       key positions
     * @param headDim         width of one head
     * @param causal          a causal mask
     * @param fused           one kernel rather than product, softmax, product
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Attention {
        Dims.required(KIND, "variant", variant);
        Dims.dim(KIND, "batch", batch);
        Dims.dim(KIND, "heads", heads);
        Dims.dim(KIND, "kvHeads", kvHeads);
        Dims.dim(KIND, "queryLength", queryLength);
        Dims.dim(KIND, "keyLength", keyLength);
        Dims.dim(KIND, "headDim", headDim);
        if (heads % kvHeads != 0) {
            throw new SpecValidationException("attention.kvHeads", kvHeads, "must divide heads (" + heads + ")");
        }
    }

    /**
     * Forward self-attention of one sequence per sample with as many key/value heads as query heads.
     *
     * @param heads   query (and key/value) heads
     * @param length  positions, both query and key
     * @param headDim width of one head
     * @param causal  a causal mask
     * @param fused   one kernel rather than product, softmax, product
     * @return the attention, scaled by the batch
     */
    public static Attention selfAttention(long heads, long length, long headDim, boolean causal, boolean fused) {
        return new Attention(Variant.SDPA, 1, heads, heads, length, length, headDim, causal, fused, true);
    }

    /**
     * This attention with {@code kvHeads} key/value heads (grouped-query attention).
     *
     * @param kv key/value heads; must divide {@code heads}
     * @return a copy with {@code kv} key/value heads
     */
    public Attention withKvHeads(long kv) {
        return new Attention(variant, batch, heads, kv, queryLength, keyLength, headDim, causal, fused,
                scalesWithBatch);
    }

    /**
     * The backward of this (forward) attention.
     *
     * @return the same shape with variant {@link Variant#SDPA_BACKWARD}
     */
    public Attention backward() {
        return new Attention(Variant.SDPA_BACKWARD, batch, heads, kvHeads, queryLength, keyLength, headDim, causal,
                fused, scalesWithBatch);
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
        return Dims.batchDimId(scalesWithBatch, "batch");
    }

    /**
     * True when the masked half of the scores is skipped (causal, fused, square).
     *
     * @return whether the FLOPs are halved
     */
    public boolean skipsMaskedHalf() {
        return causal && fused && queryLength == keyLength;
    }

    private double sequences(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? (double) this.batch * batch : this.batch;
    }

    @Override
    public double flops(long batch) {
        double forward = 4.0 * sequences(batch) * heads * queryLength * keyLength * headDim
                * (skipsMaskedHalf() ? 0.5 : 1.0);
        return variant == Variant.SDPA ? forward : 2.5 * forward;
    }

    @Override
    public double matmulFlops(long batch) {
        return flops(batch);
    }

    @Override
    public double elementsMoved(long batch) {
        double s = sequences(batch);
        double qkvo = 2.0 * s * heads * queryLength * headDim + 2.0 * s * kvHeads * keyLength * headDim;
        double scores = s * heads * queryLength * keyLength;
        if (variant == Variant.SDPA) {
            return fused ? qkvo : qkvo + 4 * scores;
        }
        return fused ? 2 * qkvo : qkvo + 6 * scores;
    }

    @Override
    public long weights() {
        return 0;
    }

    @Override
    public Attention atBatch(long batch) {
        Dims.batch(batch);
        if (!scalesWithBatch) {
            return this;
        }
        return new Attention(variant, Dims.times(KIND, "batch", this.batch, batch), heads, kvHeads, queryLength,
                keyLength, headDim, causal, fused, scalesWithBatch);
    }
}
