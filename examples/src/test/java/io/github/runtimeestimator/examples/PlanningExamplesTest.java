package io.github.runtimeestimator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.planner.Constraints;
import io.github.runtimeestimator.planner.FleetPlan;
import io.github.runtimeestimator.planner.FleetPlanner;
import io.github.runtimeestimator.planner.FleetReader;
import io.github.runtimeestimator.planner.FlopsStubEstimator;
import io.github.runtimeestimator.planner.OfferReadResult;
import io.github.runtimeestimator.planner.OfferReader;
import io.github.runtimeestimator.planner.ResourcePlanner;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.planner.Plan;
import io.github.runtimeestimator.planner.RankedOffer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The files of {@code examples/planning} (the worked examples of docs/planner.md) read and plan. */
class PlanningExamplesTest {
    private static final HardwareCatalog HARDWARE = HardwareCatalog.builtIn();

    private static ModelCatalog models() throws IOException {
        return ModelCatalog.builtIn().withOverrides(ModelCatalog.fromJson(Paths.example("planning/models-llama.json")));
    }

    @Test
    void theLlamaSpecReadsWithItsHuggingFaceGraph() throws IOException {
        WorkloadSpec w = SpecJson.readWorkload(Paths.example("planning/llama2-7b-finetune-step.json"), HARDWARE,
                models());
        assertThat(w.model().parameters()).as("Llama-2-7b's published count").isEqualTo(6_738_415_616L);
        assertThat(w.model().operatorGraph()).isPresent();
    }

    @Test
    void theSpotOffersReadCleanly() throws IOException {
        OfferReadResult r = new OfferReader(HARDWARE).read(Paths.example("planning/spot-offers.json"));
        assertThat(r.rejections()).isEmpty();
        assertThat(r.offers()).hasSize(2);
        assertThat(r.offers().get(1).isSpot()).isTrue();
    }

    @Test
    void theFleetReadsAndEveryJobIsAssignedOrSaysWhyNot() throws IOException {
        FleetReader.Fleet fleet = new FleetReader(HARDWARE, models()).read(Paths.example("planning/fleet.json"));
        OfferReadResult offers = new OfferReader(HARDWARE).read(Paths.example("offers.json"));
        assertThat(fleet.jobs()).hasSize(5);
        assertThat(fleet.pools()).hasSize(2);

        FleetPlan plan = new FleetPlanner(new ResourcePlanner(new FlopsStubEstimator(0, 0.4)), "flops-stub")
                .assign(fleet.jobs(), fleet.pools(), offers.offers(), Constraints.none());

        assertThat(plan.assignments().size() + plan.unmet().size()).isEqualTo(5);
        assertThat(plan.assignments()).allSatisfy(a -> assertThat(a.option().fits()).isTrue());
        assertThat(plan.unmet()).allSatisfy(u -> assertThat(u.reason()).isNotBlank());
    }

    @Test
    void bf16FineTuningOnTheCpuMeasuredOnlyInFp32IsMarkedAndAMeasuredOfferNamed() throws IOException {
        WorkloadSpec bert = SpecJson.readWorkload(Paths.example("planning/bert-base-bf16-finetune.json"), HARDWARE);
        OfferReadResult offers = new OfferReader(HARDWARE).read(Paths.example("offers.json"));
        ResourcePlanner planner = new ResourcePlanner(RuntimeEstimator.loadDefault());

        Plan plan = planner.plan(bert, offers.offers(), Constraints.deadline(Duration.ofDays(3)));
        RankedOffer xeon = plan.ranked().stream().filter(r -> r.offer().id().equals("owned-xeon-16c")).findFirst()
                .orElseThrow();
        assertThat(xeon.extrapolations()).contains("precision bf16 on intel-xeon-emr-16c is not in the training data"
                + " (trained on intel-xeon-emr-16c: fp32)");
        assertThat(plan.measuredAlternative()).hasValueSatisfying(r -> assertThat(r.extrapolates()).isFalse());

        Plan measured = planner.plan(bert, offers.offers(),
                Constraints.deadline(Duration.ofDays(3)).preferringMeasured(true));
        assertThat(measured.choice()).hasValueSatisfying(r -> assertThat(r.extrapolates()).isFalse());
    }
}
