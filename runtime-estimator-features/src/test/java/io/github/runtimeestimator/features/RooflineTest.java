package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.ActivationElements;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.internal.RooflineV2;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RooflineTest {

    private static final double P = Specs.RESNET50_PARAMS;
    /** Activation proxy for resnet50: sqrt(25,557,032) = 5055.4 > 512, so fanIn = 512: 8.18e9 / 1024. */
    /** resnet50's activation elements per sample without a descriptor: 8.18e9 FLOPs / 300 = 27,266,666.7. */
    private static final double RESNET50_ACTIVATIONS = 8.18e9 / 300;

    private static Offset<Double> rel(double expected) {
        return within(Math.abs(expected) * 1e-12);
    }

    @Test
    void resnet50TrainStepBf16OnH100MatchesTheHandArithmetic() {
        WorkloadSpec spec = Specs.resnet50TrainStepBf16OnH100();

        // forward 8.18e9 x batch 64 x 3 (forward + backward) = 1.57056e12 FLOPs
        double flops = 1.57056e12;
        assertThat(Roofline.flopsPerStep(spec)).isCloseTo(flops, rel(flops));
        // BF16 peak of one H100
        assertThat(Roofline.effectivePeakFlopsPerSecond(spec)).isEqualTo(9.89e14);
        assertThat(Roofline.memoryBandwidthBytesPerSecond(spec)).isEqualTo(3.35e12);
        assertThat(Roofline.activationElementsPerSample(spec.model())).isEqualTo(RESNET50_ACTIVATIONS);

        // weights: fwd+bwd reads 2 x P x 2, autocast cast P x (4 + 2), grads write+read 2 x P x 4,
        // optimizer reads+writes weights 2 x P x 4, SGD momentum read+write 2 x 1 x P x 4 = 34 P
        double weightBytes = 34 * P;
        assertThat(weightBytes).isEqualTo(868_939_088.0);
        assertThat(Roofline.weightBytesPerStep(spec)).isCloseTo(weightBytes, rel(weightBytes));
        // activations: 2 (write + read) x 64 x 27,266,666.7 x 2 bytes x 3 (training) = 2.09408e10
        double activationBytes = 2.09408e10;
        assertThat(Roofline.activationBytesPerStep(spec)).isCloseTo(activationBytes, rel(activationBytes));
        double bytes = 21_809_739_088.0;
        assertThat(Roofline.bytesPerStep(spec)).isCloseTo(bytes, rel(bytes));

        double computeSeconds = 1.57056e12 / 9.89e14;   // 1.588 ms
        double memorySeconds = 21_809_739_088.0 / 3.35e12; // 6.510 ms
        assertThat(Roofline.computeSeconds(spec)).isCloseTo(computeSeconds, rel(computeSeconds));
        assertThat(Roofline.memorySeconds(spec)).isCloseTo(memorySeconds, rel(memorySeconds));
        assertThat(Roofline.rooflineSeconds(spec)).isCloseTo(memorySeconds, rel(memorySeconds));
        assertThat(memorySeconds).isCloseTo(6.5104e-3, within(1e-7));

        double intensity = 1.57056e12 / 21_809_739_088.0; // 72.0 FLOP/byte
        assertThat(Roofline.arithmeticIntensityFlopsPerByte(spec)).isCloseTo(intensity, rel(intensity));
        assertThat(Roofline.ridgePointFlopsPerByte(spec)).isCloseTo(9.89e14 / 3.35e12, rel(295.2));
    }

    @Test
    void resnet50InferenceBf16OnH100ReadsWeightsOnceAndActivationsOnce() {
        WorkloadSpec spec = Specs.resnet50InferBf16OnH100();
        assertThat(Roofline.flopsPerStep(spec)).isCloseTo(5.2352e11, rel(5.2352e11)); // 8.18e9 x 64
        // weights read P x 2 plus the autocast cast P x (4 + 2) = 8 P
        assertThat(Roofline.weightBytesPerStep(spec)).isCloseTo(8 * P, rel(8 * P));
        // 2 x 64 x 27,266,666.7 x 2 bytes = 6.98027e9
        double activationBytes = 256 * RESNET50_ACTIVATIONS;
        assertThat(activationBytes).isCloseTo(6.98027e9, within(1e4));
        assertThat(Roofline.activationBytesPerStep(spec)).isCloseTo(activationBytes, rel(activationBytes));
    }

    @Test
    void cpuPeakIsScaledByTheThreadsUsed() {
        WorkloadSpec spec = Specs.resnet50InferFp32OnXeonOneThread();
        // 2.1504e12 FLOP/s for 16 cores, 1 thread used: 2.1504e12 x 1 / 16 = 1.344e11
        assertThat(Roofline.usedComputeFraction(spec.hardware())).isEqualTo(1.0 / 16);
        assertThat(Roofline.effectivePeakFlopsPerSecond(spec)).isCloseTo(1.344e11, rel(1.344e11));
        // the bandwidth is the whole socket's, not scaled by threads
        assertThat(Roofline.memoryBandwidthBytesPerSecond(spec)).isEqualTo(1.0e11);
        // batch 1, FP32: 8.18e9 FLOPs / 1.344e11 = 0.06086 s
        assertThat(Roofline.computeSeconds(spec)).isCloseTo(8.18e9 / 1.344e11, rel(0.0608));
        // weights P x 4 (no cast at FP32) + activations 2 x 1 x 27,266,666.7 x 4 = 102,228,128 + 218,133,333.3
        double bytes = 4 * P + 8 * RESNET50_ACTIVATIONS;
        assertThat(bytes).isCloseTo(320_361_461.3, within(0.1));
        assertThat(Roofline.bytesPerStep(spec)).isCloseTo(bytes, rel(bytes));
        assertThat(Roofline.memorySeconds(spec)).isCloseTo(bytes / 1.0e11, rel(3.2e-3));
        // compute-bound: the roofline is the compute time
        assertThat(Roofline.rooflineSeconds(spec)).isEqualTo(Roofline.computeSeconds(spec));
    }

    @Test
    void moreThreadsThanCoresUseTheWholeCpu() {
        HardwareSpec cpu = Specs.xeon16OneThread().withThreadsUsed(32);
        assertThat(Roofline.usedComputeFraction(cpu)).isEqualTo(1.0);
        assertThat(Roofline.usedComputeFraction(Specs.h100())).isEqualTo(1.0);
    }

    @Test
    void adamFp32TrainingMovesFortyBytesPerParameter() {
        WorkloadSpec spec = WorkloadSpec.builder().model(Specs.resnet50())
                .job(JobSpec.trainingStep(32, Optimizer.ADAM, 1e-3)).precision(Precision.FP32)
                .hardware(Specs.h100()).build();
        // fwd+bwd reads 2 x 4, no cast, grads 2 x 4, weights 2 x 4, two Adam moments 2 x 2 x 4 = 40 bytes
        assertThat(Roofline.weightBytesPerStep(spec)).isCloseTo(40 * P, rel(40 * P));
        // FP32 runs at the FP32 peak
        assertThat(Roofline.effectivePeakFlopsPerSecond(spec)).isEqualTo(6.7e13);
    }

    @Test
    void activationDescriptorReplacesTheProxy() {
        ModelSpec described = Specs.resnet50().toBuilder().activationElementsPerSample(2.7e7).build();
        WorkloadSpec spec = Specs.resnet50InferBf16OnH100().toBuilder().model(described).build();
        assertThat(Roofline.activationElementsPerSample(described)).isEqualTo(2.7e7);
        // 2 x 64 x 2.7e7 x 2 bytes
        assertThat(Roofline.activationBytesPerStep(spec)).isCloseTo(6.912e9, rel(6.912e9));
    }

    @Test
    void withoutADescriptorTheActivationsAreThePlannersFallback() {
        ModelSpec small = ModelSpec.builder().name("tiny").parameters(10_000).flopsPerSample(3e6).build();
        // 3e6 FLOPs / 300 per element
        assertThat(Roofline.activationElementsPerSample(small)).isEqualTo(10_000.0)
                .isEqualTo(ActivationElements.perSample(small));
    }

    @Test
    void versionTwoDiffersOnlyInTheActivationFallback() {
        ModelSpec small = ModelSpec.builder().name("tiny").parameters(10_000).flopsPerSample(2e6).build();
        // v2's fan-in proxy: sqrt(10,000) = 100 < 512, so 2e6 / (2 x 100)
        assertThat(RooflineV2.activationElementsPerSample(small)).isEqualTo(10_000.0);
        WorkloadSpec spec = Specs.resnet50InferBf16OnH100();
        double v2Bytes = Roofline.weightBytesPerStep(spec)
                + Roofline.activationBytesPerStep(spec, RooflineV2.activationElementsPerSample(spec.model()));
        assertThat(RooflineV2.rooflineSeconds(spec)).isEqualTo(Math.max(Roofline.computeSeconds(spec),
                v2Bytes / Roofline.memoryBandwidthBytesPerSecond(spec)));
        WorkloadSpec described = spec.toBuilder().model(spec.model().toBuilder()
                .activationElementsPerSample(2.7e7).build()).build();
        assertThat(RooflineV2.rooflineSeconds(described)).isEqualTo(Roofline.rooflineSeconds(described));
        assertThat(Roofline.VERSION).isEqualTo(RooflineV2.VERSION + 1);
    }

    @Test
    void devicesMultiplyPeakAndBandwidth() {
        WorkloadSpec one = Specs.resnet50TrainStepBf16OnH100();
        WorkloadSpec eight = one.withHardware(Specs.h100().withDeviceCount(8));
        assertThat(Roofline.effectivePeakFlopsPerSecond(eight)).isEqualTo(8 * 9.89e14);
        assertThat(Roofline.memoryBandwidthBytesPerSecond(eight)).isEqualTo(8 * 3.35e12);
        assertThat(Roofline.rooflineSeconds(eight)).isCloseTo(Roofline.rooflineSeconds(one) / 8, rel(2.6e-4));
    }

    @Test
    void peakLookupAgreesWithHardwareSpecForEveryPrecisionAndFallback() {
        List<HardwareSpec> devices = List.of(Specs.h100(), Specs.xeon16OneThread(),
                HardwareSpec.builder().id("v100").name("V100").kind(HardwareKind.GPU)
                        .peakFlopsPerSecond(Precision.FP32, 1.57e13).peakFlopsPerSecond(Precision.FP16, 1.25e14)
                        .memoryBytes(17_179_869_184L).memoryBandwidthBytesPerSecond(9e11).computeUnits(80)
                        .clockMhz(1530).build());
        for (HardwareSpec hw : devices) {
            for (Precision p : Precision.values()) {
                assertThat(Roofline.peakFlopsPerSecondPerDevice(hw, p)).as(hw.id() + " " + p)
                        .isEqualTo(hw.peakFlopsPerSecond(p));
            }
        }
        // and the fallbacks are the ones expected: BF16 on a V100 runs at its FP16 rate, TF32 at FP32
        assertThat(Roofline.peakFlopsPerSecondPerDevice(devices.get(2), Precision.BF16)).isEqualTo(1.25e14);
        assertThat(Roofline.peakFlopsPerSecondPerDevice(devices.get(2), Precision.TF32)).isEqualTo(1.57e13);
    }

    @Test
    void epochAndJobSpecsHaveTheirStepsRoofline() {
        WorkloadSpec step = Specs.resnet50TrainStepBf16OnH100();
        for (JobSpec job : List.of(JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 1_281_167),
                JobSpec.training(64, Optimizer.SGD, 0.1, 1_281_167, 90))) {
            WorkloadSpec whole = step.withJob(job);
            assertThat(Roofline.flopsPerStep(whole)).isEqualTo(Roofline.flopsPerStep(step));
            assertThat(Roofline.bytesPerStep(whole)).isEqualTo(Roofline.bytesPerStep(step));
            assertThat(Roofline.rooflineSeconds(whole)).isEqualTo(Roofline.rooflineSeconds(step));
        }
    }

    @Test
    void everyMethodRequiresHardware() {
        WorkloadSpec noHardware = Specs.resnet50InferBf16OnH100().withHardware(null);
        assertThatThrownBy(() -> Roofline.rooflineSeconds(noHardware))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("hardware");
        assertThatThrownBy(() -> Roofline.flopsPerStep(noHardware)).isInstanceOf(SpecValidationException.class);
        assertThatThrownBy(() -> Roofline.bytesPerStep(noHardware)).isInstanceOf(SpecValidationException.class);
    }
}
