package io.github.runtimeestimator.examples;

import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.planner.Durations;
import io.github.runtimeestimator.planner.HardwareOffer;
import io.github.runtimeestimator.planner.OfferReadResult;
import io.github.runtimeestimator.planner.OfferReader;
import io.github.runtimeestimator.planner.Plan;
import io.github.runtimeestimator.planner.RankedOffer;
import io.github.runtimeestimator.planner.ResourcePlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small job scheduler on top of the library: for each job in a queue (training and inference), rank the
 * hardware offers of {@code examples/offers.json} with {@link ResourcePlanner} and the pretrained estimator,
 * and print the choice (offer, predicted time with bounds, cost) or why nothing fits.
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl examples -am verify -DskipTests -Prun-scheduler}, or
 * {@code examples/run-scheduler.sh [offers.json] [model.rte]}.
 *
 * <p>Each job is planned on its own: offers are price lists, not a pool of machines that jobs use up. A real
 * scheduler would also track which machines are busy.
 */
public final class SchedulerExample {

    /** A job and the plan made for it. */
    public record JobPlan(QueuedJob job, Plan plan) {
    }

    private SchedulerExample() {
    }

    /** Plans every job of {@code queue} on {@code offers} with {@code estimator}, in queue order. */
    public static List<JobPlan> schedule(List<QueuedJob> queue, List<HardwareOffer> offers, RuntimeEstimator estimator) {
        ResourcePlanner planner = new ResourcePlanner(estimator);
        List<JobPlan> plans = new ArrayList<>();
        for (QueuedJob job : queue) {
            plans.add(new JobPlan(job, planner.plan(job.workload(), offers, job.constraints())));
        }
        return plans;
    }

    /** The plan of one job in a few lines: the choice with time, bounds and cost, or "nothing fits" and why. */
    public static String describe(JobPlan p) {
        Plan plan = p.plan();
        StringBuilder b = new StringBuilder();
        b.append(p.job().id()).append(": ").append(p.job().description()).append('\n');
        b.append("  must meet: ").append(constraints(plan)).append('\n');
        if (plan.choice().isPresent()) {
            RankedOffer c = plan.choice().get();
            b.append("  run on:    ").append(c.offer().id()).append(" (").append(c.offer().describeHardware())
                    .append(", ").append(c.offer().provider()).append(")\n");
            b.append("  time:      ").append(time(c.seconds())).append(" (between ").append(time(c.lowerSeconds()))
                    .append(" and ").append(time(c.upperSeconds())).append(")\n");
            b.append(String.format(Locale.ROOT, "  cost:      %.2f %s (up to %.2f %s)%n", c.cost(), plan.currency(),
                    c.upperCost(), plan.currency()));
        } else {
            b.append("  NOTHING FITS\n");
            for (RankedOffer r : plan.ranked()) {
                b.append("    ").append(r.offer().id()).append(": ").append(r.verdict().id()).append(" - ")
                        .append(r.reason()).append('\n');
            }
        }
        return b.toString();
    }

    /** Milliseconds under a second (serving latencies), else {@link Durations#formatSeconds}. */
    static String time(double seconds) {
        return seconds < 1 ? String.format(Locale.ROOT, "%.1f ms", seconds * 1000) : Durations.formatSeconds(seconds);
    }

    private static String constraints(Plan plan) {
        List<String> parts = new ArrayList<>();
        plan.constraints().deadlineIfGiven().ifPresent(d -> parts.add("deadline " + (d.toMillis() < 1000
                ? d.toMillis() + " ms" : Durations.format(d))));
        plan.constraints().budgetIfGiven().ifPresent(v -> parts.add(String.format(Locale.ROOT, "budget %.2f %s", v,
                plan.currency())));
        return String.join(", ", parts);
    }

    /** {@code [offers.json] [model.rte]}: defaults {@code examples/offers.json} and the pretrained estimator. */
    public static void main(String[] args) throws IOException {
        Path offersFile = Path.of(args.length > 0 && args[0] != null ? args[0] : "examples/offers.json");
        if (!Files.isRegularFile(offersFile) && args.length == 0) {
            offersFile = Path.of("offers.json");
        }
        OfferReadResult offers = new OfferReader(HardwareCatalog.builtIn()).read(offersFile);
        offers.rejections().forEach(r -> System.err.println("offer left out: " + r.message()));

        RuntimeEstimator estimator;
        try {
            estimator = args.length > 1 && args[1] != null && !args[1].isBlank() ? RuntimeEstimator.load(Path.of(args[1]))
                    : RuntimeEstimator.loadDefault();
        } catch (IllegalStateException e) {
            System.err.println("no estimator: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("estimator: " + estimator.describe());
        System.out.println("offers:    " + offers.offers().stream().map(HardwareOffer::id).toList() + " from "
                + offersFile);
        System.out.println();
        for (JobPlan p : schedule(DemoQueue.jobs(), offers.offers(), estimator)) {
            System.out.println(describe(p));
        }
    }
}
