package io.github.runtimeestimator.models.operators.internal;

import io.github.runtimeestimator.core.graph.Conv2d;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorFamily;

/**
 * Convolutions: the shape, the implicit GEMM it lowers to ({@code M = images x output pixels},
 * {@code N = output channels}, {@code K = input channels per group x kernel area}) with its tiles and waves, and
 * whether a Winograd kernel applies (3x3, stride 1, not grouped), which does fewer FLOPs than counted.
 */
final class Conv2dFeatures extends FamilyFeatures {
    private static final int[][] TILES = {{64, 64}, {128, 64}, {128, 128}};

    @Override
    OperatorFamily family() {
        return OperatorFamily.CONV2D;
    }

    @Override
    Operator example() {
        return Conv2d.builder().n(8).channels(64, 64).size(56, 56).kernel(3).padding(1).build();
    }

    @Override
    void shape(Operator operator, DeviceFigures device, FeatureSink out) {
        Conv2d c = (Conv2d) operator;
        double outH = c.outHeight();
        double outW = c.outWidth();
        double gemmM = c.n() * outH * outW;
        double gemmN = c.outChannels();
        double gemmK = (double) c.inChannels() / c.groups() * c.kernelH() * c.kernelW();
        out.put("cv.log2.n", FeatureSink.log2(c.n()));
        out.put("cv.log2.inChannels", FeatureSink.log2(c.inChannels()));
        out.put("cv.log2.outChannels", FeatureSink.log2(c.outChannels()));
        out.put("cv.log2.height", FeatureSink.log2(c.height()));
        out.put("cv.log2.width", FeatureSink.log2(c.width()));
        out.put("cv.kernelH", c.kernelH());
        out.put("cv.kernelW", c.kernelW());
        out.put("cv.strideH", c.strideH());
        out.put("cv.padH", c.padH());
        out.put("cv.log2.outHeight", FeatureSink.log2(outH));
        out.put("cv.log2.groups", FeatureSink.log2(c.groups()));
        out.put("cv.winograd", c.kernelH() == 3 && c.kernelW() == 3 && c.strideH() == 1 && c.strideW() == 1
                && c.groups() == 1 ? 1 : 0);
        out.put("cv.log2.gemmM", FeatureSink.log2(gemmM));
        out.put("cv.log2.gemmN", FeatureSink.log2(gemmN));
        out.put("cv.log2.gemmK", FeatureSink.log2(gemmK));
        for (int[] t : TILES) {
            tiles("cv", 1, gemmM, gemmN, t[0], t[1], device.computeUnits(), out);
        }
    }
}
