package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.planner.internal.PlanFormatter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcePlannerTest {
    private static final double EPS = 1e-9;

    /** 1e6 parameters, 1e9 forward FLOPs and 2e6 activation elements per sample. */
    private static final ModelSpec MODEL = ModelSpec.builder().name("toy").parameters(1_000_000L)
            .flopsPerSample(1e9).activationElementsPerSample(2e6).build();
    /** 90,000 steps of batch 100: 3 x 1e9 x 100 x 90,000 = 2.7e16 FLOPs. */
    private static final WorkloadSpec JOB = WorkloadSpec.builder().model(MODEL)
            .job(JobSpec.training(100, Optimizer.SGD, 0.1, 1_000_000L, 9)).build();

    private static HardwareOffer offer(String id, HardwareSpec hw, int count, double pricePerDeviceHour) {
        return new HardwareOffer(id, hw.withDeviceCount(count), pricePerDeviceHour, "USD", "test", null, null, null,
                null);
    }

    // point 2700 s, upper 3375 s, upper cost 0.9375
    private static final HardwareOffer SLOW = offer("slow", Fixtures.gpu("gpu-slow", 1e13, 16), 1, 1.00);
    // point 900 s, upper 1125 s, upper cost 1.25
    private static final HardwareOffer FAST = offer("fast", Fixtures.gpu("gpu-fast", 3e13, 16), 1, 4.00);
    // data parallel: 90,000 steps of 25 samples a device (point 225 s, upper 281.25 s) + 90,000 all-reduces of
    // 4e6 gradient bytes over PCIe 4.0 x16: 2 x 3/4 x 4e6 / 31.5077e9 = 1.904296875e-4 s each, 17.138671875 s in all:
    // point 242.138671875 s, upper 298.388671875 s, billed per second: 299 s, upper cost 299 / 3600 x 16 = 1.32889
    private static final HardwareOffer FAST_X4 = offer("fast-x4", Fixtures.gpu("gpu-fast", 3e13, 16), 4, 4.00);
    // fastest and cheapest, but the 1 GiB device cannot hold the job
    private static final HardwareOffer TINY = offer("tiny-mem", Fixtures.gpu("gpu-tiny", 1e14, 1), 1, 0.50);
    private static final HardwareOffer BROKEN = offer("broken", Fixtures.gpu("broken-gpu", 1e14, 80), 1, 0.10);
    private static final List<HardwareOffer> OFFERS = List.of(SLOW, FAST, FAST_X4, TINY, BROKEN);

    private final ResourcePlanner planner = new ResourcePlanner(new FlopsStubEstimator(0));

    @Test
    void choosesTheCheapestOfferWhoseUpperBoundMeetsTheDeadlineAndRanksTheRest() {
        Plan plan = planner.plan(JOB, OFFERS, Constraints.deadline(Duration.ofMinutes(30)));

        assertThat(plan.nothingFits()).isFalse();
        assertThat(plan.chosen().offer().id()).isEqualTo("fast");
        assertThat(plan.ranked()).extracting(r -> r.offer().id())
                .containsExactly("fast", "fast-x4", "tiny-mem", "slow", "broken");
        assertThat(plan.ranked()).extracting(RankedOffer::verdict).containsExactly(Verdict.FITS, Verdict.FITS,
                Verdict.OUT_OF_MEMORY, Verdict.TOO_SLOW, Verdict.ESTIMATE_FAILED);

        RankedOffer fast = plan.ranked().get(0);
        assertThat(fast.seconds()).isCloseTo(900, offset(EPS));
        assertThat(fast.lowerSeconds()).isCloseTo(720, offset(EPS));
        assertThat(fast.upperSeconds()).isCloseTo(1125, offset(EPS));
        assertThat(fast.cost()).isCloseTo(1.0, offset(EPS));
        assertThat(fast.upperCost()).isCloseTo(1.25, offset(EPS));

        RankedOffer x4 = plan.ranked().get(1);
        assertThat(x4.seconds()).isCloseTo(242.138671875, offset(EPS));
        assertThat(x4.upperSeconds()).isCloseTo(298.388671875, offset(EPS));
        assertThat(x4.upperCost()).isCloseTo(299.0 / 3600 * 16, offset(EPS));
        assertThat(x4.scaling().samplesPerDevice()).isEqualTo(25);
        assertThat(x4.scaling().allReduceSecondsPerStep()).isCloseTo(1.904296875e-4, offset(1e-15));
        assertThat(x4.scaling().link().description()).isEqualTo("PCIe 4.0 x16, 31.5 GB/s per direction");

        assertThat(plan.ranked().get(2).reason()).startsWith("needs ").contains("MiB per device, a device has 1024 MiB");
        assertThat(plan.ranked().get(3).reason()).isEqualTo("upper bound 56m15s exceeds the deadline 30m");
        assertThat(plan.ranked().get(4).reason())
                .isEqualTo("estimate failed: no feature values for hardware broken-gpu");
        assertThat(plan.ranked().get(4).seconds()).isNaN();
        assertThat(plan.nearestMisses()).isEmpty();
        assertThat(plan.summary()).startsWith("choose fast (1 x gpu-fast, test): 15m (up to 18m45s)");
    }

    @Test
    void aBudgetRulesOutOffersWhoseUpperBoundCostExceedsIt() {
        Plan plan = planner.plan(JOB, List.of(FAST, FAST_X4), Constraints.of(Duration.ofMinutes(30), 1.30));

        assertThat(plan.chosen().offer().id()).isEqualTo("fast");
        assertThat(plan.ranked().get(1).verdict()).isEqualTo(Verdict.OVER_BUDGET);
        assertThat(plan.ranked().get(1).reason()).isEqualTo("upper-bound cost 1.33 USD exceeds the budget 1.30 USD");
    }

    @Test
    void withoutConstraintsTheCheapestOfferThatFitsMemoryWins() {
        Plan plan = planner.plan(JOB, OFFERS, Constraints.none());

        assertThat(plan.chosen().offer().id()).isEqualTo("slow");
    }

    @Test
    void nothingFitsListsTheNearestMissesAndWhy() {
        Plan plan = planner.plan(JOB, OFFERS, Constraints.deadline(Duration.ofMinutes(4)));

        assertThat(plan.nothingFits()).isTrue();
        assertThat(plan.choice()).isEmpty();
        assertThat(plan.nearestMisses()).extracting(r -> r.offer().id()).containsExactly("fast-x4", "tiny-mem", "fast");
        assertThat(plan.nearestMisses().get(0).missRatio()).isCloseTo(298.388671875 / 240, offset(EPS));
        assertThat(plan.summary()).startsWith("nothing fits; nearest misses: fast-x4 (too_slow: upper bound 4m58s"
                + " exceeds the deadline 4m); tiny-mem (out_of_memory: needs ");
    }

    @Test
    void oneFailingEstimateDoesNotStopTheOthers() {
        Plan plan = planner.plan(JOB, List.of(BROKEN, SLOW), Constraints.none());

        assertThat(plan.chosen().offer().id()).isEqualTo("slow");
        assertThat(plan.ranked().get(1).verdict()).isEqualTo(Verdict.ESTIMATE_FAILED);
    }

    @Test
    void badConstraintsAndOffersFailNamingTheField() {
        assertThatThrownBy(() -> Constraints.deadline(Duration.ZERO)).isInstanceOf(SpecValidationException.class)
                .hasMessage("deadline = \"0s\": must be > 0");
        assertThatThrownBy(() -> Constraints.deadline(Duration.ofSeconds(-5)))
                .isInstanceOf(SpecValidationException.class).hasMessage("deadline = \"-5s\": must be > 0");
        assertThatThrownBy(() -> Constraints.budget(-1)).isInstanceOf(SpecValidationException.class)
                .hasMessage("budget = -1.0: must be a finite amount >= 0");
        assertThatThrownBy(() -> planner.plan(JOB, List.of(), Constraints.none()))
                .isInstanceOf(SpecValidationException.class).hasMessage("offers = 0: must list at least one offer");
        HardwareOffer eur = new HardwareOffer("eur", FAST.hardware(), 1, "EUR", "x", null, null, null, null);
        assertThatThrownBy(() -> planner.plan(JOB, List.of(FAST, eur), Constraints.none()))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("offers.currency = \"EUR, USD\": all offers must share one currency");
    }

    @Test
    void theWorkloadsOwnHardwareIsReplacedByEachOffers() {
        Plan plan = planner.plan(JOB.withHardware(TINY.hardware()), List.of(FAST), Constraints.none());

        assertThat(plan.chosen().offer().id()).isEqualTo("fast");
        assertThat(plan.chosen().seconds()).isCloseTo(900, offset(EPS));
    }

    @Test
    void largestBatchThatFitsIsFoundByBinarySearch() {
        // per device: (12e6 + 4e6 x b) x 1.1 + 500 MiB <= 2 GiB  ->  b <= 365.9 without a margin; with the default
        // 40% margin, 1.4 x ((12e6 + 4e6 x b) x 1.1 + 500 MiB) <= 2 GiB  ->  b <= 226.6
        ModelSpec m = MODEL.toBuilder().activationElementsPerSample(1e6).build();
        WorkloadSpec spec = JOB.toBuilder().model(m).hardware(Fixtures.gpu("gpu-2g", 1e13, 2)).build();

        assertThat(new ResourcePlanner(new FlopsStubEstimator(0), MemoryEstimator.defaults().withMargin(0))
                .largestBatchThatFits(spec, 4096)).hasValue(365);
        assertThat(planner.largestBatchThatFits(spec, 4096)).hasValue(226);
        assertThat(planner.largestBatchThatFits(spec, 100)).hasValue(100);
        assertThat(planner.largestBatchThatFits(spec.withHardware(Fixtures.gpu("gpu-0g", 1e13, 0L + 1)
                .toBuilder().memoryBytes(100L * 1024 * 1024).build()), 64)).isEmpty();
    }

    @Test
    void cheapestBatchPerEpochWeighsTheStepsARoundedUpEpochTakes() {
        // step = 0.01 s + 3 x 1e9 x b / 1e13; epoch of 1000 samples = ceil(1000 / b) steps:
        // b=256: 4 x 0.0868 = 0.3472 s, b=365: 3 x 0.1195 = 0.3585 s, b=128: 8 x 0.0484 = 0.3872 s
        ModelSpec m = MODEL.toBuilder().activationElementsPerSample(1e6).build();
        WorkloadSpec w = WorkloadSpec.builder().model(m).job(JobSpec.training(32, Optimizer.SGD, 0.1, 1000, 3)).build();
        HardwareOffer offer = offer("two-gig", Fixtures.gpu("gpu-2g", 1e13, 2), 1, 3.60);

        BatchSearch search = new ResourcePlanner(new FlopsStubEstimator(0.01), MemoryEstimator.defaults().withMargin(0))
                .cheapestBatchPerEpoch(w, offer, 4096);

        assertThat(search.largestFittingBatch()).isEqualTo(365);
        assertThat(search.options()).extracting(BatchSearch.Option::batchSize)
                .containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 365);
        assertThat(search.cheapest().batchSize()).isEqualTo(256);
        assertThat(search.cheapest().secondsPerEpoch()).isCloseTo(0.3472, offset(1e-12));
        assertThat(search.cheapest().upperCostPerEpoch()).isCloseTo(0.3472 * 1.25 / 3600 * 3.60, offset(1e-12));
    }

    @Test
    void batchSearchNeedsATrainingJobWithADataset() {
        WorkloadSpec infer = WorkloadSpec.builder().model(MODEL).job(JobSpec.inference(8)).build();
        assertThatThrownBy(() -> planner.cheapestBatchPerEpoch(infer, FAST, 64))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("job.phase = \"infer\"");
        WorkloadSpec step = WorkloadSpec.builder().model(MODEL).job(JobSpec.trainingStep(8, Optimizer.ADAM, 1e-3))
                .build();
        assertThatThrownBy(() -> planner.cheapestBatchPerEpoch(step, FAST, 64))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("job.datasetSize = 0");
    }

    @Test
    void formatterRendersEveryOfferInRankOrderAsMarkdownAndJson() throws Exception {
        Plan plan = planner.plan(JOB, OFFERS, Constraints.deadline(Duration.ofMinutes(30)));

        String md = PlanFormatter.markdown(plan);
        assertThat(md).startsWith("**choose fast");
        assertThat(md.lines().filter(l -> l.matches("\\| \\d+ \\|.*"))).hasSize(5);
        assertThat(md).contains("| 1 | fast | 1 x gpu-fast | test | fits | 15m | 12m - 18m45s | 1.00 | 1.25 | per second |");
        assertThat(md).contains("| 5 | broken | 1 x broken-gpu | test | estimate_failed | - | - | - | - | per second |");
        assertThat(md).contains("- fast-x4: data parallel, 4 devices x 25 samples; all-reduce of 3.81 MiB of fp32"
                + " gradients: 0.19 ms per step over PCIe 4.0 x16, 31.5 GB/s per direction, 0.19 ms exposed per step"
                + " (7% of a step)");
        assertThat(md).contains("Assumed: 0% of the gradient all-reduce hidden behind compute");

        JsonNode json = JsonMappers.strict().readTree(PlanFormatter.json(plan));
        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("chosenOfferId").asText()).isEqualTo("fast");
        assertThat(json.get("deadlineSeconds").asDouble()).isEqualTo(1800.0);
        assertThat(json.get("ranked")).hasSize(5);
        assertThat(json.get("ranked").get(0).get("upperSeconds").asDouble()).isCloseTo(1125, offset(EPS));
        assertThat(json.get("ranked").get(0).get("memory").get("totalBytes").asLong())
                .isEqualTo(plan.ranked().get(0).memory().totalBytes());
        assertThat(json.get("ranked").get(4).get("seconds").isNull()).isTrue();
        assertThat(json.get("ranked").get(4).get("verdict").asText()).isEqualTo("estimate_failed");
    }

    @Test
    void anInferenceBatchRunsOnOneDeviceSoMoreDevicesDoNotShortenIt() {
        WorkloadSpec infer = WorkloadSpec.builder().model(MODEL).job(JobSpec.inference(8)).build();
        double[] one = planner.scaledSeconds(infer.withHardware(FAST.hardware()));
        double[] four = planner.scaledSeconds(infer.withHardware(FAST_X4.hardware()));
        assertThat(four).containsExactly(one);
        Plan plan = planner.plan(infer, List.of(FAST, FAST_X4), Constraints.none());
        assertThat(plan.ranked()).allSatisfy(r -> assertThat(r.scaling()).isNull());
        assertThat(plan.ranked().get(1).memory().samplesPerDevice()).isEqualTo(8);
        // training on the same offers is data parallel: a quarter of the batch per device, plus the all-reduce
        double[] trainFour = planner.scaledSeconds(JOB.withHardware(FAST_X4.hardware()));
        assertThat(trainFour[1]).isCloseTo(242.138671875, offset(EPS));
    }

    @Test
    void ranksByUpperBoundEnergyWhenAsked() {
        // upper-bound energy: slow 3375 s x 200 W = 675 kJ; fast 1125 s x 400 W = 450 kJ; fast-x4 312.5 s x 400 W x 4
        // = 500 kJ; no-power has no board power figure: last among the fitting offers
        HardwareOffer slow = offer("slow", Fixtures.gpu("gpu-slow", 1e13, 16).toBuilder().tdpWatts(200).build(), 1, 1.00);
        HardwareSpec fastGpu = Fixtures.gpu("gpu-fast", 3e13, 16).toBuilder().tdpWatts(400).build();
        HardwareOffer fast = offer("fast", fastGpu, 1, 4.00);
        HardwareOffer fastX4 = offer("fast-x4", fastGpu, 4, 4.00);
        HardwareOffer noPower = offer("no-power", Fixtures.gpu("gpu-fast", 3e13, 16), 1, 0.10);
        List<HardwareOffer> offers = List.of(slow, fast, fastX4, noPower);
        Constraints hour = Constraints.deadline(Duration.ofMinutes(60));

        Plan byCost = planner.plan(JOB, offers, hour);
        assertThat(byCost.ranked()).extracting(r -> r.offer().id()).containsExactly("no-power", "slow", "fast", "fast-x4");

        Plan byEnergy = planner.plan(JOB, offers, hour.rankedBy(Objective.ENERGY));
        assertThat(byEnergy.ranked()).extracting(r -> r.offer().id())
                .containsExactly("fast", "fast-x4", "slow", "no-power");
        RankedOffer chosen = byEnergy.chosen();
        assertThat(chosen.energyJoules()).isCloseTo(900 * 400, offset(EPS));
        assertThat(chosen.upperEnergyJoules()).isCloseTo(1125 * 400, offset(EPS));
        assertThat(byEnergy.ranked().get(1).upperEnergyJoules()).isCloseTo(298.388671875 * 400 * 4, offset(1e-6));
        assertThat(byEnergy.ranked().get(3).hasEnergy()).isFalse();
        assertThat(byEnergy.summary()).contains("at most 0.1 kWh of energy (at most 0.125 kWh at the upper-bound time)")
                .endsWith("; ranked by energy");
        assertThat(PlanFormatter.markdown(byEnergy)).contains("| 0.1 kWh - 0.125 kWh |");
        assertThat(Constraints.none().objective()).isEqualTo(Objective.COST);
        assertThatThrownBy(() -> Objective.fromId("rankBy", "speed")).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("must be one of [cost, energy]");
    }
}
