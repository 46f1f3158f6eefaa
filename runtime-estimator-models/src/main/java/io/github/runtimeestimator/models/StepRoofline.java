package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.WorkloadSpec;

/**
 * The physical lower bound of one step's time on its device, used as the baseline of
 * {@link Target#LOG_RATIO_TO_ROOFLINE}: the larger of compute time (FLOPs over peak FLOP/s at the precision)
 * and memory time (bytes moved over memory bandwidth), over all devices used.
 *
 * <p>FLOPs of a training step are 3x the forward FLOPs (backward is about twice the forward). Bytes are the
 * weights once for inference; for training the weights and gradients read and written, plus the optimizer
 * state read and written (4 bytes per element: master weights stay FP32 under autocast). Activations, when the
 * spec gives them, are written once forward and read back once in training. A rough bound, versioned in the
 * artifact manifest: change {@link #VERSION} when the formula changes.
 */
final class StepRoofline {
    static final int VERSION = 1;

    private StepRoofline() {
    }

    static double seconds(WorkloadSpec spec) {
        HardwareSpec hw = spec.requireHardware();
        boolean training = spec.job().phase() != Phase.INFER;
        double batch = spec.job().batchSize();
        double flops = spec.model().flopsPerSample() * batch * (training ? 3.0 : 1.0);
        double computeSeconds = flops / (hw.peakFlopsPerSecond(spec.precision()) * hw.deviceCount());
        double params = spec.model().parameters();
        double weightBytes = params * 4.0;
        double bytes;
        if (training) {
            int states = spec.job().optimizer().stateTensorsPerParameter();
            bytes = weightBytes * (2.0 + 2.0 + 2.0 * states);
        } else {
            bytes = weightBytes;
        }
        if (spec.model().activationElementsPerSample() != null) {
            double activationBytes = spec.model().activationElementsPerSample() * batch
                    * spec.precision().bytesPerElement();
            bytes += activationBytes * (training ? 2.0 : 1.0);
        }
        double memorySeconds = bytes / (hw.memoryBandwidthBytesPerSecond() * hw.deviceCount());
        return Math.max(computeSeconds, memorySeconds);
    }
}
