package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Precision;

/** Test hardware and models whose figures are chosen for hand computation. */
final class Fixtures {
    static final long RESNET50_PARAMS = 25_557_032L;
    static final long GIB = 1024L * 1024L * 1024L;

    private Fixtures() {
    }

    static ModelSpec resnet50() {
        return ModelSpec.builder().name("resnet50").family("cnn").parameters(RESNET50_PARAMS)
                .flopsPerSample(8_178_368_512.0).inputShape("3x224x224").build();
    }

    /**
     * A GPU with round figures: {@code peakFp32} FLOP/s, {@code memoryGib} GiB, PCIe 4.0 x16 (31.5e9 bytes/s per
     * direction: 16 lanes x 16 GT/s x 128/130 / 8), no NVLink.
     */
    static HardwareSpec gpu(String id, double peakFp32, long memoryGib) {
        return HardwareSpec.builder().id(id).name(id.toUpperCase()).kind(HardwareKind.GPU).vendor("test")
                .peakFlopsPerSecond(Precision.FP32, peakFp32).memoryBytes(memoryGib * GIB)
                .memoryBandwidthBytesPerSecond(1e12).computeUnits(100).clockMhz(1500).pcieGeneration(4).pcieLanes(16).build();
    }
}
