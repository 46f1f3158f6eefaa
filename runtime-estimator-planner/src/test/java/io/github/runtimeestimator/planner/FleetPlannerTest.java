package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fleet view on a hand-computed queue. The stub takes 3 x 1e9 x batch / peak per step; a job is 10,000 steps
 * per epoch of batch 100.
 * <ul>
 *   <li>one gpu-fast (3e13): 9 epochs = 900 s, upper 1125 s; on 4 (25 samples each, plus 90,000 all-reduces of
 *       1.904e-4 s over PCIe 4.0 x16): upper 298.4 s; 8 epochs on 4: upper 265.2 s;</li>
 *   <li>one gpu-slow (1e13): 9 epochs = 2700 s, upper 3375 s.</li>
 * </ul>
 * The pool "lab" has 4 gpu-fast (free); "cloud-fast" rents one gpu-fast at 4.00/h (upper 1125 s: 1.25), "cloud-slow"
 * one gpu-slow at 1.00/h (upper 3375 s: 0.9375).
 */
class FleetPlannerTest {
    private static final ModelSpec MODEL = ModelSpec.builder().name("toy").parameters(1_000_000L)
            .flopsPerSample(1e9).activationElementsPerSample(2e6).build();

    private static FleetJob job(String id, int epochs, Duration deadline) {
        return new FleetJob(id, WorkloadSpec.builder().model(MODEL)
                .job(JobSpec.training(100, Optimizer.SGD, 0.1, 1_000_000L, epochs)).build(), deadline, null);
    }

    private static final OwnedPool LAB = new OwnedPool("lab", Fixtures.gpu("gpu-fast", 3e13, 16), 4, 4, 0, "USD",
            null);
    private static final HardwareOffer CLOUD_FAST = new HardwareOffer("cloud-fast", Fixtures.gpu("gpu-fast", 3e13, 16),
            4.0, "USD", "cloud", null, null, null, null);
    private static final HardwareOffer CLOUD_SLOW = new HardwareOffer("cloud-slow", Fixtures.gpu("gpu-slow", 1e13, 16),
            1.0, "USD", "cloud", null, null, null, null);

    private final FleetPlanner fleet = new FleetPlanner(new ResourcePlanner(new FlopsStubEstimator(0)), "flops-stub");

    @Test
    void everyMeetableDeadlineIsMetAtTheLeastTotalCostAndTheRestSayWhy() {
        // C can wait an hour, A and B half an hour; E and F need all four lab GPUs (6 minutes); D needs 2 minutes.
        // Most jobs: one of E/F on lab/4 (F: fewer device-hours), so A, B and C rent: A, B on cloud-fast (1.25 each),
        // C on cloud-slow (0.9375): 3.4375. A greedy pass in queue order would put C, A, B on lab/1 and meet neither
        // E nor F.
        List<FleetJob> queue = List.of(job("C", 9, Duration.ofHours(1)), job("A", 9, Duration.ofMinutes(30)),
                job("B", 9, Duration.ofMinutes(30)), job("E", 9, Duration.ofMinutes(6)),
                job("F", 8, Duration.ofMinutes(6)), job("D", 9, Duration.ofMinutes(2)));

        FleetPlan plan = fleet.assign(queue, List.of(LAB), List.of(CLOUD_FAST, CLOUD_SLOW), Constraints.none());

        Map<String, String> where = plan.assignments().stream()
                .collect(Collectors.toMap(a -> a.job().id(), a -> a.option().offer().id()));
        assertThat(where).containsOnly(Map.entry("C", "cloud-slow"), Map.entry("A", "cloud-fast"),
                Map.entry("B", "cloud-fast"), Map.entry("F", "lab/4"));
        assertThat(plan.totalUpperCost()).isCloseTo(1.25 + 1.25 + 0.9375, offset(1e-9));
        assertThat(plan.optimal()).isTrue();
        assertThat(plan.unmet()).extracting(u -> u.job().id()).containsExactly("E", "D");
        assertThat(plan.unmet().get(0).reason()).isEqualTo("the options that meet it (lab/4) need owned devices the"
                + " assigned jobs use: lab has 4 devices, 4 taken by F (4)");
        assertThat(plan.unmet().get(1).reason()).startsWith("no option meets it; nearest misses: lab/4 (too_slow:"
                + " upper bound 4m58s exceeds the deadline 2m)");
        assertThat(plan.summary()).isEqualTo("4 of 6 jobs meet their deadlines, at most 3.44 USD in all; cannot be"
                + " met: E, D");
    }

    @Test
    void freeOwnedDevicesGoToTheJobsThatFitThemAndTiesTakeFewerDeviceHours() {
        FleetPlan plan = fleet.assign(List.of(job("A", 9, Duration.ofMinutes(30)), job("B", 9, Duration.ofMinutes(30))),
                List.of(LAB), List.of(CLOUD_FAST), Constraints.none());

        assertThat(plan.everyDeadlineMet()).isTrue();
        assertThat(plan.assignments()).allSatisfy(a -> assertThat(a.option().offer().id()).isEqualTo("lab/1"));
        assertThat(plan.totalUpperCost()).isZero();
    }

    @Test
    void aFleetNeedsJobsDevicesAndOneCurrency() {
        assertThatThrownBy(() -> fleet.assign(List.of(), List.of(LAB), List.of(), Constraints.none()))
                .isInstanceOf(SpecValidationException.class).hasMessage("jobs = 0: must list at least one job");
        assertThatThrownBy(() -> fleet.assign(List.of(job("A", 1, Duration.ofHours(1))), List.of(), List.of(),
                Constraints.none())).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("at least one owned pool or rented offer");
        OwnedPool eur = new OwnedPool("eur", LAB.hardware(), 1, 1, 0, "EUR", null);
        assertThatThrownBy(() -> fleet.assign(List.of(job("A", 1, Duration.ofHours(1))), List.of(eur),
                List.of(CLOUD_FAST), Constraints.none())).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("currency = \"EUR, USD\"");
        assertThatThrownBy(() -> fleet.assign(List.of(job("A", 1, Duration.ofHours(1)), job("A", 2, Duration.ofHours(1))),
                List.of(LAB), List.of(), Constraints.none())).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("jobs[].id = \"A\"");
        assertThat(LAB.options()).extracting(HardwareOffer::id).containsExactly("lab/1", "lab/2", "lab/4");
    }
}
