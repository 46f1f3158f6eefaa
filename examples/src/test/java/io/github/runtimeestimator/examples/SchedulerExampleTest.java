package io.github.runtimeestimator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.planner.FlopsStubEstimator;
import io.github.runtimeestimator.planner.HardwareOffer;
import io.github.runtimeestimator.planner.OfferReadResult;
import io.github.runtimeestimator.planner.OfferReader;
import io.github.runtimeestimator.planner.RankedOffer;
import io.github.runtimeestimator.planner.Verdict;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerExampleTest {

    private static List<HardwareOffer> exampleOffers() throws IOException {
        OfferReadResult read = new OfferReader(HardwareCatalog.builtIn()).read(Paths.example("offers.json"));
        assertThat(read.rejections()).as("examples/offers.json must read cleanly").isEmpty();
        return read.offers();
    }

    @Test
    void everyJobOfTheQueueGetsAVerdictOnEveryOffer() throws IOException {
        List<HardwareOffer> offers = exampleOffers();
        List<SchedulerExample.JobPlan> plans = SchedulerExample.schedule(DemoQueue.jobs(), offers, new FlopsStubEstimator(0, 0.4));

        assertThat(plans).extracting(p -> p.job().id()).containsExactly("resnet50-imagenet-subset-epoch",
                "bert-base-serving-batch", "vit-b16-fine-tune", "small-mlp-training");
        for (SchedulerExample.JobPlan p : plans) {
            assertThat(p.plan().ranked()).as(p.job().id()).hasSize(offers.size());
            assertThat(p.plan().ranked()).allSatisfy(r -> assertThat(r.verdict()).isNotNull());
            String text = SchedulerExample.describe(p);
            assertThat(text).startsWith(p.job().id() + ": ").contains("must meet: ");
            if (p.plan().choice().isPresent()) {
                RankedOffer c = p.plan().choice().get();
                assertThat(c.verdict()).isEqualTo(Verdict.FITS);
                assertThat(c.lowerSeconds()).isLessThanOrEqualTo(c.seconds());
                assertThat(c.seconds()).isLessThanOrEqualTo(c.upperSeconds());
                assertThat(text).contains("run on:    " + c.offer().id()).contains("time:").contains("cost:");
            } else {
                assertThat(text).contains("NOTHING FITS");
            }
        }
        // with the stub at 40% of peak, the bf16 resnet50 epoch fits in 30 minutes on an H100 well within budget
        assertThat(plans.get(0).plan().choice()).isPresent();
    }

    @Test
    void whenNothingFitsEachOfferIsListedWithItsReason() throws IOException {
        List<HardwareOffer> offers = exampleOffers();
        // a stub a million times slower than the peak misses every deadline
        List<SchedulerExample.JobPlan> plans = SchedulerExample.schedule(DemoQueue.jobs(), offers, new FlopsStubEstimator(0, 1e-6));

        for (SchedulerExample.JobPlan p : plans) {
            assertThat(p.plan().nothingFits()).as(p.job().id()).isTrue();
            String text = SchedulerExample.describe(p);
            assertThat(text).contains("NOTHING FITS");
            for (HardwareOffer o : offers) {
                assertThat(text).containsPattern("    " + java.util.regex.Pattern.quote(o.id())
                        + ": (too_slow|over_budget|out_of_memory) - \\S");
            }
        }
    }
}
