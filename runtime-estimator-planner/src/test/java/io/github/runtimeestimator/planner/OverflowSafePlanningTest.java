package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Batch searches, memory and durations give exact answers or refusals naming the field, never wrapped numbers. */
class OverflowSafePlanningTest {
    private static final HardwareOffer BIG = new HardwareOffer("big", Fixtures.gpu("gpu-big", 1e14, 80), 2.0, "USD",
            "test", null, null, null, null);
    private static final WorkloadSpec TRAINING = WorkloadSpec.builder().model(Fixtures.resnet50())
            .job(JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 1_281_167L)).build();

    private final ResourcePlanner planner = new ResourcePlanner(new FlopsStubEstimator(0));

    @Test
    void theLargestBatchSearchFindsAPositiveBatch() {
        int largest = planner.largestBatchThatFits(TRAINING.withHardware(BIG.hardware()), Integer.MAX_VALUE)
                .orElseThrow();
        assertThat(largest).isPositive().isLessThan(Integer.MAX_VALUE);
        assertThat(largest).isEqualTo(planner.largestBatchThatFits(TRAINING.withHardware(BIG.hardware()), 1 << 20)
                .orElseThrow());

        BatchSearch search = planner.cheapestBatchPerEpoch(TRAINING, BIG, Integer.MAX_VALUE);
        assertThat(search.options()).extracting(BatchSearch.Option::batchSize).allSatisfy(b -> assertThat(b).isPositive());
        assertThat(search.cheapest()).isNotNull();
    }

    @Test
    void memoryBeyondALongIsRefusedNamingTheField() {
        ModelSpec huge = Fixtures.resnet50().toBuilder().parameters(Long.MAX_VALUE / 2).build();
        assertThatThrownBy(() -> MemoryEstimator.defaults().estimate(TRAINING.toBuilder().model(huge).build()))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageStartingWith("model.parameters = 4611686018427387903: needs more than");
        // a name the model catalogue does not know: activations from the FLOPs proxy, not resnet50's graph
        ModelSpec wide = Fixtures.resnet50().toBuilder().name("wide_net").flopsPerSample(1e300).build();
        assertThatThrownBy(() -> MemoryEstimator.defaults().estimate(WorkloadSpec.builder().model(wide)
                .job(JobSpec.inference(Integer.MAX_VALUE)).build()))
                .hasMessageStartingWith("job.batchSize = 2147483647: needs more than");
    }

    @Test
    void randomMemoryEstimatesAreExactSumsOrRefusals() {
        Random random = new Random(1_515);
        for (int i = 0; i < 5_000; i++) {
            long params = 1 + (random.nextLong() >>> (1 + random.nextInt(63)));
            int batch = 1 + (random.nextInt(Integer.MAX_VALUE) >>> random.nextInt(31));
            double flops = Math.pow(10, random.nextDouble() * 300);
            WorkloadSpec spec = WorkloadSpec.builder().model(ModelSpec.builder().name("m").parameters(params)
                    .flopsPerSample(flops).build()).job(JobSpec.trainingStep(batch, Optimizer.ADAM, 1e-3)).build();
            try {
                MemoryEstimate e = MemoryEstimator.defaults().estimate(spec);
                assertThat(e.totalBytes()).isPositive();
                assertThat(e.weightsBytes()).isEqualTo(params * 4);
            } catch (MemoryEstimator.TooLargeException refused) {
                assertThat(refused.field()).isIn("model.parameters", "job.batchSize");
            }
        }
    }

    @Test
    void hugeDeadlinesAreExactAndPrintable() {
        Duration forever = Durations.parse("--deadline", "9999999999999d");
        Constraints c = Constraints.deadline(forever);
        assertThat(c.deadlineSeconds()).isEqualTo(9_999_999_999_999d * 86_400);
        Plan plan = planner.plan(TRAINING, List.of(BIG), c);
        assertThat(plan.chosen()).isNotNull();
        assertThat(PlanFormatter.json(plan)).contains("\"deadlineSeconds\" : 8.639999999999136E17");
        assertThat(Durations.formatSeconds(1e30)).isEqualTo("1.00e+30s");
        assertThatThrownBy(() -> Durations.parse("--deadline", "99999999999999999999999d"))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("too large");
    }
}
