package io.github.runtimeestimator.features;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;

/** Concrete specs whose features the tests compute by hand. */
final class Specs {
    private Specs() {
    }

    static final long RESNET50_PARAMS = 25_557_032L;
    static final double RESNET50_FLOPS = 8.18e9;

    static final double H100_FP32 = 6.7e13;
    static final double H100_BF16 = 9.89e14;
    static final double H100_BANDWIDTH = 3.35e12;

    static final double XEON_FP32 = 2.1504e12;
    static final double XEON_BANDWIDTH = 1.0e11;

    static ModelSpec resnet50() {
        return ModelSpec.builder().name("resnet50").family("cnn").parameters(RESNET50_PARAMS)
                .flopsPerSample(RESNET50_FLOPS).inputShape("3x224x224").build();
    }

    static HardwareSpec h100() {
        return HardwareSpec.builder().id("nvidia-h100-sxm-80gb").name("NVIDIA H100 SXM5 80GB").kind(HardwareKind.GPU)
                .vendor("nvidia").peakFlopsPerSecond(Precision.FP32, H100_FP32)
                .peakFlopsPerSecond(Precision.BF16, H100_BF16).memoryBytes(85_899_345_920L)
                .memoryBandwidthBytesPerSecond(H100_BANDWIDTH).computeUnits(132).clockMhz(1980).build();
    }

    /** A 16-core Xeon run with one intra-op thread. */
    static HardwareSpec xeon16OneThread() {
        return HardwareSpec.builder().id("intel-xeon-emr-16c").name("Intel Xeon 16 cores").kind(HardwareKind.CPU)
                .vendor("intel").peakFlopsPerSecond(Precision.FP32, XEON_FP32).memoryBytes(137_438_953_472L)
                .memoryBandwidthBytesPerSecond(XEON_BANDWIDTH).computeUnits(16).clockMhz(2100).threadsUsed(1)
                .vectorIsa("amx").build();
    }

    static WorkloadSpec resnet50TrainStepBf16OnH100() {
        return WorkloadSpec.builder().model(resnet50()).job(JobSpec.trainingStep(64, Optimizer.SGD, 0.1))
                .precision(Precision.BF16).hardware(h100()).build();
    }

    static WorkloadSpec resnet50InferBf16OnH100() {
        return WorkloadSpec.builder().model(resnet50()).job(JobSpec.inference(64))
                .precision(Precision.BF16).hardware(h100()).build();
    }

    static WorkloadSpec resnet50InferFp32OnXeonOneThread() {
        return WorkloadSpec.builder().model(resnet50()).job(JobSpec.inference(1))
                .precision(Precision.FP32).hardware(xeon16OneThread()).build();
    }
}
