package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.planner.internal.PlanFormatter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An offer whose estimate lies outside the estimator's training data is marked with the estimate's reasons; the
 * plan still ranks by the upper bound, names a measured alternative, and ranks it first on request.
 */
class ExtrapolationMarkTest {
    private static final String REASON = "hardware gpu-unseen is not in the training data (trained on gpu-seen)";

    /** The FLOPs stub, whose estimates for hardware named {@code gpu-unseen} say they extrapolate. */
    private static final RuntimeEstimator ESTIMATOR = new RuntimeEstimator() {
        private final FlopsStubEstimator stub = new FlopsStubEstimator(0);

        @Override
        public Estimate predict(WorkloadSpec spec) {
            Estimate e = stub.predict(spec);
            return spec.requireHardware().id().equals("gpu-unseen")
                    ? e.toBuilder().extrapolations(List.of(REASON)).build() : e;
        }
    };

    private static final WorkloadSpec JOB = WorkloadSpec.builder()
            .model(ModelSpec.builder().name("toy").parameters(1_000_000L).flopsPerSample(1e9)
                    .activationElementsPerSample(2e6).build())
            .job(JobSpec.training(100, Optimizer.SGD, 0.1, 1_000_000L, 9)).build();

    private static HardwareOffer offer(String id, String hardware, double peak, double price) {
        return new HardwareOffer(id, Fixtures.gpu(hardware, peak, 16), price, "USD", "test", null, null, null, null);
    }

    // unseen: 2700 s point, 3375 s upper at 0.10/h: upper cost 0.09375; seen: 900 s, 1125 s at 4.00/h: 1.25
    private static final List<HardwareOffer> OFFERS = List.of(offer("cheap-unseen", "gpu-unseen", 1e13, 0.10),
            offer("dear-seen", "gpu-seen", 3e13, 4.00));

    @Test
    void theCheapestChoiceIsKeptButMarkedWithItsReasonAndAMeasuredAlternative() throws Exception {
        Plan plan = new ResourcePlanner(ESTIMATOR).plan(JOB, OFFERS, Constraints.deadline(Duration.ofHours(1)));

        RankedOffer chosen = plan.chosen();
        assertThat(chosen.offer().id()).isEqualTo("cheap-unseen");
        assertThat(chosen.extrapolates()).isTrue();
        assertThat(chosen.extrapolations()).containsExactly(REASON);
        assertThat(chosen.trust()).isEqualTo("extrapolated: " + REASON);
        assertThat(plan.ranked().get(1).trust()).isEqualTo("within training data");
        assertThat(plan.measuredAlternative()).hasValueSatisfying(a -> assertThat(a.offer().id()).isEqualTo("dear-seen"));
        assertThat(plan.summary()).contains("; EXTRAPOLATED: " + REASON
                + "; measured alternative: dear-seen (up to 18m45s, up to 1.25 USD)");

        assertThat(PlanFormatter.markdown(plan)).contains("| extrapolated: " + REASON + " |")
                .contains("| within training data |");
        JsonNode json = JsonMappers.strict().readTree(PlanFormatter.json(plan));
        assertThat(json.get("measuredAlternativeOfferId").asText()).isEqualTo("dear-seen");
        assertThat(json.get("ranked").get(0).get("extrapolates").asBoolean()).isTrue();
        assertThat(json.get("ranked").get(0).get("extrapolations").get(0).asText()).isEqualTo(REASON);
        assertThat(json.get("ranked").get(1).get("extrapolates").asBoolean()).isFalse();
    }

    @Test
    void preferringMeasuredRanksTheEstimateWithinTheTrainingDataFirst() {
        Plan plan = new ResourcePlanner(ESTIMATOR).plan(JOB, OFFERS,
                Constraints.deadline(Duration.ofHours(1)).preferringMeasured(true));

        assertThat(plan.ranked()).extracting(r -> r.offer().id()).containsExactly("dear-seen", "cheap-unseen");
        assertThat(plan.summary()).doesNotContain("EXTRAPOLATED");
    }

    @Test
    void aDataParallelOfferCarriesThePerDeviceEstimatesReasons() {
        HardwareOffer four = new HardwareOffer("four-unseen", Fixtures.gpu("gpu-unseen", 1e13, 16).withDeviceCount(4),
                0.10, "USD", "test", null, null, null, null);
        Plan plan = new ResourcePlanner(ESTIMATOR).plan(JOB, List.of(four), Constraints.none());

        assertThat(plan.chosen().extrapolations()).containsExactly(REASON);
        assertThat(plan.chosen().scaling()).isNotNull();
    }
}
