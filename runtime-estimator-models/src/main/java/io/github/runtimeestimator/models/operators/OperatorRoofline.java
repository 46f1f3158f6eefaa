package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.graph.Operator;

/**
 * The roofline time of one operator on one device: its FLOPs at the precision's peak, or its bytes at the
 * memory bandwidth, whichever takes longer. The operator is taken as it ran (batch folded in).
 *
 * @param flops          FLOPs of the operator ({@link Operator#flops(long)} at batch 1)
 * @param bytes          bytes it moves at the device's precision
 * @param computeSeconds {@code flops / peak}
 * @param memorySeconds  {@code bytes / bandwidth}
 */
public record OperatorRoofline(double flops, double bytes, double computeSeconds, double memorySeconds) {

    public static OperatorRoofline of(Operator operator, DeviceFigures device) {
        double flops = operator.flops(1);
        double bytes = operator.bytes(1, device.precision());
        return new OperatorRoofline(flops, bytes, flops / device.peakFlopsPerSecond(),
                bytes / device.memoryBandwidthBytesPerSecond());
    }

    /** The roofline time: the larger of the compute and the memory time. */
    public double seconds() {
        return Math.max(computeSeconds, memorySeconds);
    }

    public boolean computeBound() {
        return computeSeconds >= memorySeconds;
    }
}
