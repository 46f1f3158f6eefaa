package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.SpecValidationException;

/**
 * {@code b} independent matrix products {@code (m x k) @ (k x n)}: {@code nn.Linear} and {@code aten.linear}
 * ({@link Variant#LINEAR}: the {@code k x n} right operand is a weight shared by all {@code b}), and
 * {@code matmul}, {@code bmm}, {@code addmm}, {@code baddbmm} (both operands are tensors of the pass).
 *
 * <p>FLOPs {@code 2 b m n k} (bias not counted, as {@code FlopCounterMode}); elements moved
 * {@code b m k + (1 if linear else b) k n + b m n} (+ {@code n} with bias); weights {@code k n} (+ {@code n} with
 * bias) when linear, else 0. A weight used by two operators (a language-model head tied to the token embedding)
 * is owned by one: the other uses variant {@code matmul}.
 *
 * @param variant  which product
 * @param b        independent products (1 for a linear layer over a flattened input)
 * @param m        rows of the left operand (tokens or images for a linear layer)
 * @param n        columns of the result (output features)
 * @param k        contraction dimension (input features)
 * @param bias     a bias of {@code n} elements is added
 * @param batchDim the dimension multiplied by the batch size ({@code b}, {@code m} or {@code none} for a linear
 *                 layer, whose weight does not grow with the batch)
 */
public record Matmul(Variant variant, long b, long m, long n, long k, boolean bias, Dim batchDim)
        implements Operator {

    /** The matrix-product variants. */
    public enum Variant {
        /** {@code nn.Linear} / {@code aten.linear}: the right operand is a weight. */
        LINEAR,
        /** {@code matmul}: both operands are tensors of the pass. */
        MATMUL,
        /** {@code bmm}: batched products of tensors of the pass. */
        BMM,
        /** {@code addmm}: a product plus a tensor. */
        ADDMM,
        /** {@code baddbmm}: batched products plus a tensor. */
        BADDBMM;

        /**
         * The id written in JSON ({@code bmm}).
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

        /**
         * {@code m} for a linear layer (the rows are the samples' tokens), {@code b} otherwise.
         *
         * @return the batch dimension a product of this variant takes when none is given
         */
        public Dim defaultBatchDim() {
            return this == LINEAR ? Dim.M : Dim.B;
        }
    }

    /** The dimension a batch multiplies, or none. */
    public enum Dim {
        /** {@code b}: the number of products. */
        B,
        /** {@code m}: rows of the left operand and the result. */
        M,
        /** {@code n}: columns of the result. */
        N,
        /** {@code k}: the contraction dimension. */
        K,
        /** {@code none}: the product is the same at every batch size. */
        NONE;

        /**
         * The id written in JSON as {@code batchDim} ({@code m}, {@code none}).
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
         * @return the dimension with that id
         */
        public static Dim fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }
    }

    /**
     * Validates the components (variant and batch dimension required, dimensions at least 1, a linear layer's
     * batch dimension {@code b}, {@code m} or {@code none}); fails with a {@link SpecValidationException} naming
     * the field.
     *
     * @param variant  which product
     * @param b        independent products
     * @param m        rows of the left operand
     * @param n        columns of the result
     * @param k        contraction dimension
     * @param bias     a bias of {@code n} elements is added
     * @param batchDim the dimension multiplied by the batch size
     */
    public Matmul {
        Dims.required(OperatorKind.MATMUL, "variant", variant);
        Dims.dim(OperatorKind.MATMUL, "b", b);
        Dims.dim(OperatorKind.MATMUL, "m", m);
        Dims.dim(OperatorKind.MATMUL, "n", n);
        Dims.dim(OperatorKind.MATMUL, "k", k);
        Dims.required(OperatorKind.MATMUL, "batchDim", batchDim);
        if (variant == Variant.LINEAR && (batchDim == Dim.N || batchDim == Dim.K)) {
            throw new SpecValidationException("matmul.batchDim", batchDim.id(),
                    "must be b, m or none for a linear layer (its k x n weight does not grow with the batch)");
        }
    }

    /**
     * A product with the variant's default batch dimension ({@link Variant#defaultBatchDim()}).
     *
     * @param variant which product
     * @param b       independent products
     * @param m       rows of the left operand
     * @param n       columns of the result
     * @param k       contraction dimension
     * @param bias    a bias of {@code n} elements is added
     */
    public Matmul(Variant variant, long b, long m, long n, long k, boolean bias) {
        this(variant, b, m, n, k, bias, variant == null ? null : variant.defaultBatchDim());
    }

    /**
     * {@code nn.Linear(k, n)} applied to {@code m} rows per sample.
     *
     * @param m    rows per sample (tokens), multiplied by the batch size
     * @param n    output features
     * @param k    input features
     * @param bias a bias of {@code n} elements is added
     * @return a {@link Variant#LINEAR} product with {@code b = 1}
     */
    public static Matmul linear(long m, long n, long k, boolean bias) {
        return new Matmul(Variant.LINEAR, 1, m, n, k, bias);
    }

    /**
     * {@code b} batched products of activations per sample ({@code torch.bmm}).
     *
     * @param b products per sample, multiplied by the batch size
     * @param m rows of the left operand
     * @param n columns of the result
     * @param k contraction dimension
     * @return a {@link Variant#BMM} product without bias
     */
    public static Matmul bmm(long b, long m, long n, long k) {
        return new Matmul(Variant.BMM, b, m, n, k, false);
    }

    @Override
    public OperatorKind kind() {
        return OperatorKind.MATMUL;
    }

    @Override
    public String variantId() {
        return variant.id();
    }

    @Override
    public boolean scalesWithBatch() {
        return batchDim != Dim.NONE;
    }

    @Override
    public String batchDimId() {
        return batchDim.id();
    }

    /**
     * True when the right operand is a weight ({@link Variant#LINEAR}).
     *
     * @return whether the product owns weights
     */
    public boolean hasWeight() {
        return variant == Variant.LINEAR;
    }

    @Override
    public double flops(long batch) {
        Dims.batch(batch);
        double scale = scalesWithBatch() ? batch : 1;
        return 2.0 * b * m * n * k * scale;
    }

    @Override
    public double matmulFlops(long batch) {
        return flops(batch);
    }

    @Override
    public double elementsMoved(long batch) {
        Dims.batch(batch);
        double bb = scaled(Dim.B, b, batch);
        double mm = scaled(Dim.M, m, batch);
        double nn = scaled(Dim.N, n, batch);
        double kk = scaled(Dim.K, k, batch);
        double right = hasWeight() ? kk * nn : bb * kk * nn;
        return bb * mm * kk + right + bb * mm * nn + (bias ? nn : 0);
    }

    private double scaled(Dim dim, long value, long batch) {
        return batchDim == dim ? (double) value * batch : value;
    }

    @Override
    public long weights() {
        return hasWeight() ? Math.addExact(Math.multiplyExact(k, n), bias ? n : 0) : 0;
    }

    @Override
    public Matmul atBatch(long batch) {
        Dims.batch(batch);
        switch (batchDim) {
            case B:
                return new Matmul(variant, Dims.times(kind(), "b", b, batch), m, n, k, bias, batchDim);
            case M:
                return new Matmul(variant, b, Dims.times(kind(), "m", m, batch), n, k, bias, batchDim);
            case N:
                return new Matmul(variant, b, m, Dims.times(kind(), "n", n, batch), k, bias, batchDim);
            case K:
                return new Matmul(variant, b, m, n, Dims.times(kind(), "k", k, batch), bias, batchDim);
            case NONE:
                return this;
            default:
                throw new SpecValidationException("matmul.batchDim", batchDim, "is not handled");
        }
    }
}
