package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.SpecValidationException;

/**
 * A 2-D convolution ({@code nn.Conv2d}) over {@code n} images of {@code inChannels x height x width} (one image
 * per sample); grouped when {@code groups > 1}, depthwise when {@code groups == inChannels}.
 *
 * <p>{@code outH = floor((height + 2 padH - dilationH (kernelH - 1) - 1) / strideH) + 1} (and {@code outW}
 * likewise). FLOPs {@code 2 n outC outH outW (inC / groups) kH kW}; elements moved
 * {@code n inC H W + outC (inC / groups) kH kW + n outC outH outW}; weights {@code outC (inC / groups) kH kW}
 * (+ {@code outC} with bias). Wide: build one with {@link #builder()}.
 *
 * @param n               images per sample (1), multiplied by the batch size
 * @param inChannels      input channels; a multiple of {@code groups}
 * @param outChannels     output channels; a multiple of {@code groups}
 * @param height          input rows per image
 * @param width           input columns per image
 * @param kernelH         kernel rows
 * @param kernelW         kernel columns
 * @param strideH         stride along the rows
 * @param strideW         stride along the columns
 * @param padH            zero padding above and below, at least 0
 * @param padW            zero padding left and right, at least 0
 * @param dilationH       kernel dilation along the rows
 * @param dilationW       kernel dilation along the columns
 * @param groups          channel groups (1: an ordinary convolution)
 * @param bias            a bias of {@code outChannels} elements is added
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Conv2d(long n, long inChannels, long outChannels, long height, long width, long kernelH,
                     long kernelW, long strideH, long strideW, long padH, long padW, long dilationH, long dilationW,
                     long groups, boolean bias, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.CONV2D;

    /**
     * Validates the components (sizes, kernel, stride, dilation and groups at least 1, padding at least 0,
     * {@code groups} dividing both channel counts, at least one output row and column); fails with a
     * {@link SpecValidationException} naming the field.
     *
     * @param n               images per sample (1), multiplied by the batch size
     * @param inChannels      input channels; a multiple of {@code groups}
     * @param outChannels     output channels; a multiple of {@code groups}
     * @param height          input rows per image
     * @param width           input columns per image
     * @param kernelH         kernel rows
     * @param kernelW         kernel columns
     * @param strideH         stride along the rows
     * @param strideW         stride along the columns
     * @param padH            zero padding above and below, at least 0
     * @param padW            zero padding left and right, at least 0
     * @param dilationH       kernel dilation along the rows
     * @param dilationW       kernel dilation along the columns
     * @param groups          channel groups (1: an ordinary convolution)
     * @param bias            a bias of {@code outChannels} elements is added
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Conv2d {
        Dims.dim(KIND, "n", n);
        Dims.dim(KIND, "inChannels", inChannels);
        Dims.dim(KIND, "outChannels", outChannels);
        Dims.dim(KIND, "height", height);
        Dims.dim(KIND, "width", width);
        Dims.dim(KIND, "kernelH", kernelH);
        Dims.dim(KIND, "kernelW", kernelW);
        Dims.dim(KIND, "strideH", strideH);
        Dims.dim(KIND, "strideW", strideW);
        Dims.nonNegative(KIND, "padH", padH);
        Dims.nonNegative(KIND, "padW", padW);
        Dims.dim(KIND, "dilationH", dilationH);
        Dims.dim(KIND, "dilationW", dilationW);
        Dims.dim(KIND, "groups", groups);
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new SpecValidationException("conv2d.groups", groups, "must divide inChannels (" + inChannels
                    + ") and outChannels (" + outChannels + ")");
        }
        if (outputSize(height, kernelH, strideH, padH, dilationH) < 1) {
            throw new SpecValidationException("conv2d.height", height, "gives no output row: floor((height + 2 padH"
                    + " - dilationH (kernelH - 1) - 1) / strideH) + 1 must be >= 1");
        }
        if (outputSize(width, kernelW, strideW, padW, dilationW) < 1) {
            throw new SpecValidationException("conv2d.width", width, "gives no output column: floor((width + 2 padW"
                    + " - dilationW (kernelW - 1) - 1) / strideW) + 1 must be >= 1");
        }
    }

    private static long outputSize(long size, long kernel, long stride, long pad, long dilation) {
        return Math.floorDiv(size + 2 * pad - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /**
     * Output rows per image.
     *
     * @return {@code floor((height + 2 padH - dilationH (kernelH - 1) - 1) / strideH) + 1}
     */
    public long outHeight() {
        return outputSize(height, kernelH, strideH, padH, dilationH);
    }

    /**
     * Output columns per image.
     *
     * @return {@code floor((width + 2 padW - dilationW (kernelW - 1) - 1) / strideW) + 1}
     */
    public long outWidth() {
        return outputSize(width, kernelW, strideW, padW, dilationW);
    }

    /**
     * True when each group has one input channel ({@code groups == inChannels}).
     *
     * @return whether the convolution is depthwise; false when {@code groups} is 1
     */
    public boolean isDepthwise() {
        return groups == inChannels && groups > 1;
    }

    @Override
    public OperatorKind kind() {
        return KIND;
    }

    @Override
    public String variantId() {
        return "conv";
    }

    @Override
    public String batchDimId() {
        return Dims.batchDimId(scalesWithBatch, "n");
    }

    private double images(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? (double) n * batch : n;
    }

    private double weightElements() {
        return (double) outChannels * (inChannels / groups) * kernelH * kernelW;
    }

    @Override
    public double flops(long batch) {
        return 2.0 * images(batch) * outChannels * outHeight() * outWidth() * (inChannels / groups) * kernelH
                * kernelW;
    }

    @Override
    public double matmulFlops(long batch) {
        return flops(batch);
    }

    @Override
    public double elementsMoved(long batch) {
        double images = images(batch);
        return images * inChannels * height * width + weightElements()
                + images * outChannels * outHeight() * outWidth();
    }

    @Override
    public long weights() {
        long perOutput = Math.multiplyExact(Math.multiplyExact(inChannels / groups, kernelH), kernelW);
        return Math.addExact(Math.multiplyExact(outChannels, perOutput), bias ? outChannels : 0);
    }

    @Override
    public Conv2d atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? toBuilder().n(Dims.times(KIND, "n", n, batch)).build() : this;
    }

    /**
     * A builder with the defaults of {@link Builder}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this convolution's components.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().n(n).channels(inChannels, outChannels).size(height, width).kernel(kernelH, kernelW)
                .stride(strideH, strideW).padding(padH, padW).dilation(dilationH, dilationW).groups(groups)
                .bias(bias).scalesWithBatch(scalesWithBatch);
    }

    /**
     * Builds a {@link Conv2d}: channels, input size and kernel are required; stride 1, padding 0, dilation 1,
     * groups 1, no bias, {@code n = 1} and batch scaling by default. Validation happens in {@link #build()}.
     */
    public static final class Builder {
        private long n = 1;
        private long inChannels;
        private long outChannels;
        private long height;
        private long width;
        private long kernelH;
        private long kernelW;
        private long strideH = 1;
        private long strideW = 1;
        private long padH;
        private long padW;
        private long dilationH = 1;
        private long dilationW = 1;
        private long groups = 1;
        private boolean bias;
        private boolean scalesWithBatch = true;

        private Builder() {
        }

        /**
         * Images per sample.
         *
         * @param images images per sample (default 1)
         * @return this builder
         */
        public Builder n(long images) {
            this.n = images;
            return this;
        }

        /**
         * Input and output channels (required).
         *
         * @param in  input channels
         * @param out output channels
         * @return this builder
         */
        public Builder channels(long in, long out) {
            this.inChannels = in;
            this.outChannels = out;
            return this;
        }

        /**
         * Input size of one image (required).
         *
         * @param h rows
         * @param w columns
         * @return this builder
         */
        public Builder size(long h, long w) {
            this.height = h;
            this.width = w;
            return this;
        }

        /**
         * Kernel size (required).
         *
         * @param h kernel rows
         * @param w kernel columns
         * @return this builder
         */
        public Builder kernel(long h, long w) {
            this.kernelH = h;
            this.kernelW = w;
            return this;
        }

        /**
         * A square kernel.
         *
         * @param square kernel rows and columns
         * @return this builder
         */
        public Builder kernel(long square) {
            return kernel(square, square);
        }

        /**
         * Stride along rows and columns.
         *
         * @param h row stride (default 1)
         * @param w column stride (default 1)
         * @return this builder
         */
        public Builder stride(long h, long w) {
            this.strideH = h;
            this.strideW = w;
            return this;
        }

        /**
         * The same stride along rows and columns.
         *
         * @param square the stride (default 1)
         * @return this builder
         */
        public Builder stride(long square) {
            return stride(square, square);
        }

        /**
         * Zero padding of rows and columns.
         *
         * @param h rows added above and below (default 0)
         * @param w columns added left and right (default 0)
         * @return this builder
         */
        public Builder padding(long h, long w) {
            this.padH = h;
            this.padW = w;
            return this;
        }

        /**
         * The same zero padding of rows and columns.
         *
         * @param square the padding (default 0)
         * @return this builder
         */
        public Builder padding(long square) {
            return padding(square, square);
        }

        /**
         * Kernel dilation along rows and columns.
         *
         * @param h row dilation (default 1)
         * @param w column dilation (default 1)
         * @return this builder
         */
        public Builder dilation(long h, long w) {
            this.dilationH = h;
            this.dilationW = w;
            return this;
        }

        /**
         * Channel groups.
         *
         * @param groups groups (default 1); must divide both channel counts
         * @return this builder
         */
        public Builder groups(long groups) {
            this.groups = groups;
            return this;
        }

        /**
         * Whether a bias is added.
         *
         * @param bias true for a bias of {@code outChannels} elements (default false)
         * @return this builder
         */
        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /**
         * Whether {@code n} grows with the batch.
         *
         * @param scales false for a batch dimension of {@code none} (default true)
         * @return this builder
         */
        public Builder scalesWithBatch(boolean scales) {
            this.scalesWithBatch = scales;
            return this;
        }

        /**
         * Builds the convolution, validated by the record's constructor (a {@link SpecValidationException} naming
         * the field when a required figure is unset or a rule is broken).
         *
         * @return the convolution
         */
        public Conv2d build() {
            return new Conv2d(n, inChannels, outChannels, height, width, kernelH, kernelW, strideH, strideW, padH,
                    padW, dilationH, dilationW, groups, bias, scalesWithBatch);
        }
    }
}
