package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.graph.Operator;

/**
 * The roofline time of one operator on one device: its FLOPs at the peak of the units that run them, or its
 * bytes at the memory bandwidth, whichever takes longer. The operator is taken as it ran (batch folded in).
 *
 * <p>Which peak: matrix products (matmul, conv2d, attention) run on the matrix units at the precision's peak
 * (tensor cores for fp16); everything else runs on the vector units, which compute a half-precision tensor's
 * elements in FP32 (PyTorch's {@code opmath} type), so at the FP32 peak. An fp16 normalisation on an H100 is
 * bounded by 67 TFLOP/s, not 989.
 *
 * @param flops              FLOPs of the operator ({@link Operator#flops(long)} at batch 1)
 * @param bytes              bytes it moves at the device's precision
 * @param peakFlopsPerSecond the peak its FLOPs run at
 * @param computeSeconds     {@code flops / peak}
 * @param memorySeconds      {@code bytes / bandwidth}
 */
public record OperatorRoofline(double flops, double bytes, double peakFlopsPerSecond, double computeSeconds,
                               double memorySeconds) {

    /**
     * The roofline of {@code operator} at batch 1 on {@code device}: matrix products at the precision's peak,
     * other operators at the FP32 peak.
     *
     * @param operator the operator
     * @param device   the device's figures at a precision
     * @return its roofline
     */
    public static OperatorRoofline of(Operator operator, DeviceFigures device) {
        double flops = operator.flops(1);
        double bytes = operator.bytes(1, device.precision());
        double peak = operator.kind().isMatrixProduct() ? device.peakFlopsPerSecond()
                : device.fp32PeakFlopsPerSecond();
        return new OperatorRoofline(flops, bytes, peak, flops / peak, bytes / device.memoryBandwidthBytesPerSecond());
    }

    /**
     * The roofline time: the larger of the compute and the memory time.
     *
     * @return the roofline seconds
     */
    public double seconds() {
        return Math.max(computeSeconds, memorySeconds);
    }

    /**
     * Whether the FLOPs rather than the bytes set the roofline.
     *
     * @return true when {@code computeSeconds >= memorySeconds}
     */
    public boolean computeBound() {
        return computeSeconds >= memorySeconds;
    }
}
