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
        LINEAR, MATMUL, BMM, ADDMM, BADDBMM;

        public String id() {
            return Dims.id(this);
        }

        public static Variant fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }

        /** {@code m} for a linear layer (the rows are the samples' tokens), {@code b} otherwise. */
        public Dim defaultBatchDim() {
            return this == LINEAR ? Dim.M : Dim.B;
        }
    }

    /** The dimension a batch multiplies, or none. */
    public enum Dim {
        B, M, N, K, NONE;

        public String id() {
            return Dims.id(this);
        }

        public static Dim fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }
    }

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

    /** A product with the variant's default batch dimension. */
    public Matmul(Variant variant, long b, long m, long n, long k, boolean bias) {
        this(variant, b, m, n, k, bias, variant == null ? null : variant.defaultBatchDim());
    }

    /** {@code nn.Linear(k, n)} applied to {@code m} rows per sample. */
    public static Matmul linear(long m, long n, long k, boolean bias) {
        return new Matmul(Variant.LINEAR, 1, m, n, k, bias);
    }

    /** {@code b} batched products of activations per sample ({@code torch.bmm}). */
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

    /** True when the right operand is a weight ({@link Variant#LINEAR}). */
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
