package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.planner.internal.PlanFormatter;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spot offers: expected time and cost with checkpoints, interruptions and restarts. */
class SpotExpectationTest {

    @Test
    void tenHoursAtOneInterruptionPerTenHoursHandComputed() {
        // r = 0.1 / 3600 per s; 10 h of work in 1 h segments: 9 of 3600 + 60 s (with a write), the last of 3600 s.
        // interruptions: 9 x (e^(r x 3660) - 1) + (e^(r x 3600) - 1) = 9 x 0.1070144 + 0.1051709 = 1.0683006
        // time: (1/r + 300) x 1.0683006 = 36300 x 1.0683006 = 38779.31 s
        SpotExpectation e = SpotExpectation.of(36_000, new SpotMarket(0.1, ""), new Checkpointing(3600, 60, 300));

        assertThat(e.expectedInterruptions()).isCloseTo(1.068300566842084, offset(1e-12));
        assertThat(e.expectedSeconds()).isCloseTo(38779.31057636765, offset(1e-6));
        assertThat(e.intervalSeconds()).isEqualTo(3600);
    }

    @Test
    void withoutInterruptionsTheWorkIsTheTimeAndYoungsIntervalIsUsedWhenNoneIsGiven() {
        assertThat(SpotExpectation.of(5000, new SpotMarket(0, ""), Checkpointing.defaults()).expectedSeconds())
                .isEqualTo(5000);
        // Young: sqrt(2 x 60 / (0.1 / 3600)) = sqrt(4.32e6) = 2078.46 s
        SpotExpectation young = SpotExpectation.of(36_000, new SpotMarket(0.1, ""), Checkpointing.defaults());
        assertThat(young.intervalSeconds()).isCloseTo(2078.460969082653, offset(1e-9));
    }

    @Test
    void theExpectationMatchesASeededSimulation() {
        // 4 h of work, 0.5 interruptions per hour, checkpoint every 30 min (write 60 s), restart 120 s
        Checkpointing cp = new Checkpointing(1800, 60, 120);
        SpotMarket market = new SpotMarket(0.5, "");
        double expected = SpotExpectation.of(14_400, market, cp).expectedSeconds();
        Random random = new Random(20261202L);
        int runs = 200_000;
        double total = 0;
        for (int i = 0; i < runs; i++) {
            total += simulate(14_400, market.interruptionsPerSecond(), cp, random);
        }
        assertThat(total / runs).isCloseTo(expected, offset(expected * 0.005));
    }

    /** One run: each segment is retried until it runs uninterrupted; an interruption costs the restart. */
    private static double simulate(double work, double rate, Checkpointing cp, Random random) {
        double time = 0;
        double done = 0;
        while (done < work) {
            double segment = Math.min(cp.intervalSeconds(), work - done);
            double needed = segment + (done + segment < work ? cp.writeSeconds() : 0);
            while (true) {
                double next = -Math.log(1 - random.nextDouble()) / rate;
                if (next >= needed) {
                    time += needed;
                    break;
                }
                time += next + cp.restartSeconds();
            }
            done += segment;
        }
        return time;
    }

    @Test
    void thePlannerUsesTheExpectationForTimeCostAndDeadline() {
        // one step of 3 x 1e9 x 100 / 1e13 = 0.03 s; 1,200,000 steps = 36,000 s; upper x1.25 = 45,000 s
        ModelSpec model = ModelSpec.builder().name("toy").parameters(1_000_000L).flopsPerSample(1e9)
                .activationElementsPerSample(2e6).build();
        WorkloadSpec job = WorkloadSpec.builder().model(model)
                .job(JobSpec.training(100, Optimizer.SGD, 0.1, 12_000_000L, 10)).build();
        HardwareOffer spot = HardwareOffer.builder().id("spot").hardware(Fixtures.gpu("g", 1e13, 16))
                .pricePerDeviceHour(1.0).currency("USD").provider("p").spot(new SpotMarket(0.1, "assumed")).build();
        Constraints c = Constraints.deadline(Duration.ofHours(12)).withCheckpointing(new Checkpointing(3600, 60, 300));

        Plan plan = new ResourcePlanner(new FlopsStubEstimator(0)).plan(job, List.of(spot), c);

        RankedOffer r = plan.ranked().get(0);
        assertThat(r.seconds()).isCloseTo(38779.31057636765, offset(1e-6));
        SpotExpectation upper = SpotExpectation.of(45_000, new SpotMarket(0.1, ""), new Checkpointing(3600, 60, 300));
        assertThat(r.upperSeconds()).isCloseTo(upper.expectedSeconds(), offset(1e-6));
        assertThat(r.spot()).isEqualTo(upper);
        assertThat(r.cost()).isCloseTo(Math.ceil(38779.31057636765) / 3600, offset(1e-9));
        assertThat(r.verdict()).isEqualTo(Verdict.TOO_SLOW);
        assertThat(r.reason()).startsWith("expected upper bound with interruptions 13h");
        assertThat(PlanFormatter.markdown(plan)).contains("- spot: spot, 0.1 interruptions per hour; checkpoint every"
                + " 1h (write 1m, restart 5m): 12h30m of work becomes ");
    }

    @Test
    void badTermsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new SpotMarket(-1, "")).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("interruptionsPerHour = -1.0");
        assertThatThrownBy(() -> new Checkpointing(0, 0, 0)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("checkpointWriteSeconds = 0.0: must be a finite number of seconds > 0");
    }
}
