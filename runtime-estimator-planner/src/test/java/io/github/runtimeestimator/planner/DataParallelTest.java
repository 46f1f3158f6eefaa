package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Data-parallel time from physics: one device's share of the batch plus the gradient ring all-reduce. */
class DataParallelTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    private static final ResourcePlanner PLANNER = new ResourcePlanner(new FlopsStubEstimator(0));

    private static HardwareOffer offer(String hardwareId, int count) {
        return HardwareOffer.builder().id(hardwareId + "-x" + count)
                .hardware(CATALOG.require(hardwareId).withDeviceCount(count)).pricePerDeviceHour(1).currency("USD")
                .provider("test").build();
    }

    @Test
    void allReduceOnEightNvlinkH100sHandComputed() {
        // a 1e9-parameter model: 4e9 bytes of fp32 gradients; NVLink 4 900e9 both directions = 450e9 per direction;
        // ring: 2 x 7/8 x 4e9 / 450e9 = 7e9 / 450e9 = 0.015556 s
        RingAllReduce.Link link = RingAllReduce.linkOf(offer("nvidia-h100-sxm-80gb", 8)).orElseThrow();
        assertThat(link.bytesPerSecond()).isEqualTo(450e9);
        assertThat(link.description()).isEqualTo("NVLink 4 (18 links), 450 GB/s per direction");
        assertThat(RingAllReduce.seconds(4e9, 8, link.bytesPerSecond())).isCloseTo(7e9 / 450e9, offset(1e-15));
        assertThat(RingAllReduce.seconds(4e9, 1, link.bytesPerSecond())).isZero();
    }

    @Test
    void pcieRatesFollowGenerationAndLanes() {
        assertThat(RingAllReduce.pcieBytesPerSecond(3, 16)).isCloseTo(15.753846e9, offset(1e3));
        assertThat(RingAllReduce.pcieBytesPerSecond(4, 16)).isCloseTo(31.507692e9, offset(1e3));
        assertThat(RingAllReduce.pcieBytesPerSecond(5, 16)).isCloseTo(63.015385e9, offset(1e3));
        assertThat(RingAllReduce.pcieBytesPerSecond(0, 16)).isZero();
    }

    @Test
    void aBridgeJoinsTwoDevicesOnlyAndIsNotAssumedUnlessTheOfferSaysSo() {
        HardwareOffer auto8 = offer("nvidia-a100-pcie-80gb", 8);
        assertThat(RingAllReduce.linkOf(auto8).orElseThrow().description())
                .isEqualTo("PCIe 4.0 x16, 31.5 GB/s per direction (a bridge joins two devices only)");
        HardwareOffer auto2 = offer("nvidia-a100-pcie-80gb", 2);
        assertThat(RingAllReduce.linkOf(auto2).orElseThrow().description())
                .isEqualTo("PCIe 4.0 x16, 31.5 GB/s per direction (bridges not assumed: set deviceLink nvlink)");
        HardwareOffer bridged2 = offer("nvidia-a100-pcie-80gb", 2).toBuilder().deviceLink(DeviceLink.NVLINK).build();
        assertThat(RingAllReduce.linkOf(bridged2).orElseThrow().bytesPerSecond()).isEqualTo(300e9);
        HardwareOffer bridged4 = offer("nvidia-a100-pcie-80gb", 4).toBuilder().deviceLink(DeviceLink.NVLINK).build();
        assertThat(RingAllReduce.linkOf(bridged4).orElseThrow().description())
                .isEqualTo("PCIe 4.0 x16, 31.5 GB/s per direction (a bridge joins two devices only)");
        HardwareOffer pcieH100 = offer("nvidia-h100-sxm-80gb", 8).toBuilder().deviceLink(DeviceLink.PCIE).build();
        assertThat(RingAllReduce.linkOf(pcieH100).orElseThrow().bytesPerSecond())
                .isCloseTo(RingAllReduce.pcieBytesPerSecond(5, 16), offset(1e-3));
    }

    @Test
    void acrossNodesTheSlowerOfNetworkAndNodeLinkBoundsTheRing() {
        HardwareOffer twoNodes = offer("nvidia-h100-sxm-80gb", 16).toBuilder().devicesPerNode(8)
                .networkBandwidthBytesPerSecond(400e9).build();
        RingAllReduce.Link link = RingAllReduce.linkOf(twoNodes).orElseThrow();
        assertThat(link.bytesPerSecond()).isEqualTo(400e9);
        assertThat(link.description()).startsWith("network 400 GB/s per node and direction across 2 nodes");
        assertThat(twoNodes.describeHardware()).isEqualTo("16 x nvidia-h100-sxm-80gb (2 nodes)");
    }

    @Test
    void theOverlapHidesAtMostTheStepsCompute() {
        // all-reduce 0.05 s, compute 0.01 s: at most 0.01 s can hide
        assertThat(ScalingDetail.exposedSeconds(0.05, 0.01, 0)).isEqualTo(0.05);
        assertThat(ScalingDetail.exposedSeconds(0.05, 0.01, 0.1)).isCloseTo(0.045, offset(1e-15));
        assertThat(ScalingDetail.exposedSeconds(0.05, 0.01, 1)).isCloseTo(0.04, offset(1e-15));
        assertThat(ScalingDetail.exposedSeconds(0.01, 0.05, 1)).isZero();
    }

    /** 1e9 parameters, 1e10 forward FLOPs a sample; SGD keeps the state at 12 GB. */
    private static final ModelSpec BIG = ModelSpec.builder().name("big").parameters(1_000_000_000L)
            .flopsPerSample(1e10).activationElementsPerSample(1e6).build();

    @Test
    void eightNvlinkGpusSplitTheBatchAndPayTheAllReduceEveryStep() {
        // one step, batch 256, on 8 H100 SXM (bf16 peak from the catalogue): 32 samples a device;
        // the stub's step: 3 x 1e10 x 32 / peak; plus 0.015556 s of all-reduce (no overlap)
        WorkloadSpec step = WorkloadSpec.builder().model(BIG).job(JobSpec.trainingStep(256, Optimizer.SGD, 0.1))
                .precision(io.github.runtimeestimator.core.Precision.BF16).build();
        HardwareOffer x8 = offer("nvidia-h100-sxm-80gb", 8);
        HardwareSpec h100 = CATALOG.require("nvidia-h100-sxm-80gb");
        double compute = 3 * 1e10 * 32 / h100.peakFlopsPerSecond(io.github.runtimeestimator.core.Precision.BF16);

        RankedOffer r = PLANNER.judge(step, x8, Constraints.none());

        assertThat(r.scaling().samplesPerDevice()).isEqualTo(32);
        assertThat(r.scaling().gradientBytes()).isEqualTo(4e9);
        assertThat(r.seconds()).isCloseTo(compute + 7e9 / 450e9, offset(1e-12));
        RankedOffer overlapped = PLANNER.judge(step, x8, Constraints.none().withCommunicationOverlap(1));
        assertThat(overlapped.seconds()).isCloseTo(Math.max(compute, 7e9 / 450e9), offset(1e-12));
    }

    @Test
    void whenTheAllReduceOutweighsTheComputeMoreDevicesAreSlower() {
        // 4 samples on each of 8 PCIe GPUs: the all-reduce of 4 GB over 31.5 GB/s (0.222 s) dwarfs the compute
        WorkloadSpec step = WorkloadSpec.builder().model(BIG).job(JobSpec.trainingStep(32, Optimizer.SGD, 0.1)).build();
        RankedOffer one = PLANNER.judge(step, offer("nvidia-l40s-48gb", 1), Constraints.none());
        RankedOffer eight = PLANNER.judge(step, offer("nvidia-l40s-48gb", 8), Constraints.none());

        assertThat(eight.scaling().allReduceSecondsPerStep())
                .isCloseTo(2 * 7.0 / 8 * 4e9 / RingAllReduce.pcieBytesPerSecond(4, 16), offset(1e-12));
        assertThat(eight.seconds()).isGreaterThan(one.seconds());
        assertThat(eight.scaling().communicationShare()).isGreaterThan(0.5);
    }

    @Test
    void aBatchTooSmallToSplitIsRefusedWithTheReason() {
        WorkloadSpec step = WorkloadSpec.builder().model(BIG).job(JobSpec.trainingStep(4, Optimizer.SGD, 0.1)).build();
        RankedOffer r = PLANNER.judge(step, offer("nvidia-h100-sxm-80gb", 8), Constraints.none());

        assertThat(r.verdict()).isEqualTo(Verdict.BATCH_TOO_SMALL);
        assertThat(r.reason()).isEqualTo("a batch of 4 cannot be split over 8 devices: data parallelism needs at"
                + " least one sample per device");
        assertThat(r.hasEstimate()).isFalse();
    }

    @Test
    void aModelWhoseStateExceedsOneDeviceNeedsModelParallelism() {
        // 20e9 parameters with AdamW: 4 (weights) + 4 (gradients) + 8 (moments) bytes each = 320e9 bytes > 80 GiB
        ModelSpec huge = ModelSpec.builder().name("huge").parameters(20_000_000_000L).flopsPerSample(4e10)
                .activationElementsPerSample(1e6).build();
        WorkloadSpec job = WorkloadSpec.builder().model(huge).job(JobSpec.trainingStep(64, Optimizer.ADAMW, 1e-4))
                .build();
        Plan plan = PLANNER.plan(job, List.of(offer("nvidia-h100-sxm-80gb", 8)), Constraints.none());

        RankedOffer r = plan.ranked().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.NEEDS_MODEL_PARALLELISM);
        assertThat(r.reason()).startsWith("does not fit one device: its weights, gradients and optimizer state alone"
                + " need 305176 MiB, a device has 81920 MiB; needs model parallelism");
        assertThat(plan.nothingFits()).isTrue();
    }
}
