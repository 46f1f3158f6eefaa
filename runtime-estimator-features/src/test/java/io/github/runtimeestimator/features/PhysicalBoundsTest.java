package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RunInfo;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The physical floor is FLOPs at 4x the fastest peak, and every shared measurement lies above it with margin. */
class PhysicalBoundsTest {
    private static final Logger LOG = LoggerFactory.getLogger(PhysicalBoundsTest.class);
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();

    private static WorkloadSpec step(Precision precision, HardwareSpec hw) {
        return WorkloadSpec.builder().model(Specs.resnet50()).job(JobSpec.trainingStep(64, Optimizer.SGD, 0.1))
                .precision(precision).hardware(hw).build();
    }

    @Test
    void theFloorIsTheStepsFlopsAtFourTimesTheFastestPeak() {
        HardwareSpec h100 = CATALOG.require("nvidia-h100-sxm-80gb");
        double flops = 3 * Specs.RESNET50_FLOPS * 64;

        assertThat(PhysicalBounds.floorSecondsPerStep(step(Precision.BF16, h100)))
                .isCloseTo(flops / (4 * h100.peakFlopsPerSecond(Precision.BF16)), withPercentage(1e-9));
        assertThat(PhysicalBounds.floorSecondsPerStep(step(Precision.FP32, h100)))
                .as("FP32 work may run as TF32, so the TF32 peak sets the floor")
                .isCloseTo(flops / (4 * h100.peakFlopsPerSecond(Precision.TF32)), withPercentage(1e-9));
        assertThat(PhysicalBounds.floorSecondsPerStep(step(Precision.FP32, Specs.h100())))
                .as("a device that lists no TF32 peak uses its FP32 peak")
                .isCloseTo(flops / (4 * Specs.H100_FP32), withPercentage(1e-9));
        assertThat(PhysicalBounds.floorSecondsPerStep(step(Precision.BF16, h100.withDeviceCount(8))))
                .as("eight devices, perfect scaling").isCloseTo(flops / (32 * h100.peakFlopsPerSecond(Precision.BF16)),
                        withPercentage(1e-9));
        WorkloadSpec epoch = step(Precision.BF16, h100).withJob(JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 6_400));
        assertThat(PhysicalBounds.floorSeconds(epoch))
                .isCloseTo(100 * PhysicalBounds.floorSecondsPerStep(epoch), withPercentage(1e-9));
    }

    @Test
    void everySharedMeasurementIsPlausibleAndAtLeastTwiceItsFloor() throws IOException {
        int rows = 0;
        double lowest = Double.POSITIVE_INFINITY;
        for (String file : List.of("h100-sxm-pytorch.csv", "xeon16-pytorch-cpu.csv", "epyc2-pytorch-cpu.csv")) {
            List<Measurement> ok = MeasurementCsv.read(RepositoryFiles.dataset(file), CATALOG, ReadMode.STRICT)
                    .okMeasurements();
            for (Measurement m : ok) {
                assertThat(PhysicalBounds.implausibility(m)).as(file + " " + m.workload()).isEmpty();
                lowest = Math.min(lowest, m.secondsPerStep() / PhysicalBounds.floorSecondsPerStep(m.workload()));
                rows++;
            }
        }
        LOG.info(String.format(Locale.ROOT, "%d ok rows; lowest measured / floor = %.3f", rows, lowest));
        assertThat(rows).isGreaterThan(1_600);
        assertThat(lowest).as("the margin the headroom of 4 leaves on the shared data").isGreaterThan(1.9);
    }

    private static Measurement row(double seconds, long steps) {
        WorkloadSpec w = step(Precision.BF16, CATALOG.require("nvidia-h100-sxm-80gb"));
        return new Measurement(w, MeasurementStatus.OK, seconds, Double.NaN, Double.NaN, 5, steps, Double.NaN,
                new RunInfo("r", "h", "cuda", "NVIDIA H100 80GB HBM3", "", 0, Double.NaN, "", 0, 0, Double.NaN,
                        "pytorch", ""), Map.of());
    }

    @Test
    void timesBelowTheFloorOrAboveADayPerStepAreImplausible() {
        assertThat(PhysicalBounds.implausibility(row(0.05, 1))).isEmpty();
        assertThat(PhysicalBounds.implausibility(row(1e-300, 1)).orElseThrow())
                .startsWith("1.000e-300 s per step is below the physical floor of ")
                .contains("on nvidia-h100-sxm-80gb", "the time, the FLOPs or the hardware is wrong");
        assertThat(PhysicalBounds.implausibility(row(1e300, 1)).orElseThrow())
                .isEqualTo("1.000e+300 s per step is above the ceiling of 86400 s (one day) per step: a unit or"
                        + " recording error");
        assertThat(PhysicalBounds.implausibility(row(3 * 86_400, 4))).as("a long epoch of short steps").isEmpty();
    }
}
