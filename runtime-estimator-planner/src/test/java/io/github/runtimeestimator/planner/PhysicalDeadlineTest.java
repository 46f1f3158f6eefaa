package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.PhysicalBounds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An offer whose compute alone misses the deadline is never chosen, whatever the estimator answers. */
class PhysicalDeadlineTest {
    /** An estimator faster than physics: one millisecond for any job. */
    private static final RuntimeEstimator TOO_OPTIMISTIC = spec -> new Estimate(1e-3, 1e-3, 1e-3, 1e-3,
            spec.job().steps(), 0.8, "optimist");

    /** One ResNet-50 epoch over ImageNet (1,281,167 samples, batch 64). */
    private static final WorkloadSpec EPOCH = WorkloadSpec.builder().model(Fixtures.resnet50())
            .job(JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 1_281_167L)).precision(Precision.FP32).build();

    private static HardwareOffer offer(String id, double peak, double price) {
        return new HardwareOffer(id, Fixtures.gpu(id, peak, 80), price, "USD", "test", null, null, null, null);
    }

    @Test
    void aOneGigaflopDeviceIsNeverChosenForATwelveHourDeadline() {
        HardwareOffer slow = offer("one-gflops", 1e9, 0.01);
        HardwareOffer real = offer("h100-like", 6.7e13, 3.0);
        double floor = PhysicalBounds.floorSeconds(EPOCH.withHardware(slow.hardware()));
        assertThat(floor).as("3 x 8.18e9 FLOPs x 1,281,167 samples at 4 x 1 GFLOP/s")
                .isCloseTo(3 * 8_178_368_512.0 * 1_281_216 / 4e9, org.assertj.core.data.Percentage.withPercentage(1e-9));

        Plan plan = new ResourcePlanner(TOO_OPTIMISTIC).plan(EPOCH, List.of(slow, real),
                Constraints.deadline(Duration.ofHours(12)));

        assertThat(plan.chosen().offer().id()).isEqualTo("h100-like");
        RankedOffer rejected = plan.ranked().get(1);
        assertThat(rejected.verdict()).isEqualTo(Verdict.TOO_SLOW);
        assertThat(rejected.reason()).contains("its compute alone takes at least", "beyond the deadline 12h");
        assertThat(rejected.missRatio()).isGreaterThan(floor / (12 * 3600.0) * 0.999);
    }

    @Test
    void withoutADeadlineTheFloorDoesNotRuleAnOfferOut() {
        Plan plan = new ResourcePlanner(TOO_OPTIMISTIC).plan(EPOCH, List.of(offer("one-gflops", 1e9, 0.01)),
                Constraints.none());
        assertThat(plan.chosen()).isNotNull();
    }
}
