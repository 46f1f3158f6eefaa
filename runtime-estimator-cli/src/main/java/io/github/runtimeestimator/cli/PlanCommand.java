package io.github.runtimeestimator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.planner.BatchSearch;
import io.github.runtimeestimator.planner.Checkpointing;
import io.github.runtimeestimator.planner.Constraints;
import io.github.runtimeestimator.planner.Durations;
import io.github.runtimeestimator.planner.internal.FleetFormatter;
import io.github.runtimeestimator.planner.FleetJob;
import io.github.runtimeestimator.planner.FleetPlan;
import io.github.runtimeestimator.planner.FleetPlanner;
import io.github.runtimeestimator.planner.FleetReader;
import io.github.runtimeestimator.planner.Objective;
import io.github.runtimeestimator.planner.OfferReadResult;
import io.github.runtimeestimator.planner.OfferReader;
import io.github.runtimeestimator.planner.OfferRejection;
import io.github.runtimeestimator.planner.Plan;
import io.github.runtimeestimator.planner.internal.PlanFormatter;
import io.github.runtimeestimator.planner.RankedOffer;
import io.github.runtimeestimator.planner.ResourcePlanner;
import io.github.runtimeestimator.planner.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Ranks hardware offers for a workload against a deadline and/or budget and chooses the cheapest that meets
 * them. Offers the reader rejects are warned about on stderr, one line each, and the rest are still ranked;
 * "nothing fits" is an answer (exit 0), not an error.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Ranks hardware offers for the workload in a spec file and chooses the cheapest whose upper-bound"
                + " time meets the deadline and whose upper-bound cost meets the budget; or, with --fleet, assigns a"
                + " queue of jobs to owned devices and rented offers.")
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "spec.json",
            description = "workload spec: model, job, precision (its hardware, if any, is replaced by each offer's)")
    Path specFile;

    @Option(names = "--offers", paramLabel = "offers.json",
            description = "hardware offers: JSON {\"formatVersion\": 1, \"offers\": [...]} or CSV with the same fields"
                    + " (with --fleet: the offers that can be rented besides the owned pools)")
    Path offersFile;

    @Option(names = "--fleet", paramLabel = "fleet.json",
            description = "instead of --spec: a queue of jobs (each with its spec and deadline) and the pools of devices"
                    + " you own; assigns every job so that each deadline is met at the least total cost, or says"
                    + " which cannot be met and why")
    Path fleetFile;

    @Option(names = "--deadline", paramLabel = "2h", description = "the job must finish within this: 90s, 15m, 2h, 1h30m, 2d")
    String deadline;

    @Option(names = "--budget", paramLabel = "50", description = "the most the job may cost, in the offers' currency")
    Double budget;

    @Option(names = "--rank-by", defaultValue = "cost", paramLabel = "cost|energy",
            description = "what ranks the offers that meet the constraints: cost (upper-bound cost) or energy"
                    + " (upper-bound time x board power x devices, an upper bound; default: ${DEFAULT-VALUE})")
    String rankBy;

    @Option(names = "--overlap", defaultValue = "0", paramLabel = "0..1",
            description = "share of the gradient all-reduce of multi-device training hidden behind compute"
                    + " (default: ${DEFAULT-VALUE}, nothing hidden)")
    double overlap;

    @Option(names = "--checkpoint-interval", paramLabel = "30m",
            description = "spot offers: work between checkpoints (default: the optimal interval, Young's"
                    + " sqrt(2 x write / interruption rate))")
    String checkpointInterval;

    @Option(names = "--checkpoint-write", defaultValue = "60s", paramLabel = "60s",
            description = "spot offers: time one checkpoint write takes (default: ${DEFAULT-VALUE}, an assumption)")
    String checkpointWrite;

    @Option(names = "--restart", defaultValue = "5m", paramLabel = "5m",
            description = "spot offers: time from an interruption until work resumes (default: ${DEFAULT-VALUE},"
                    + " an assumption)")
    String restart;

    @Option(names = "--prefer-measured",
            description = "rank fitting offers whose estimates lie within the estimator's training data before those"
                    + " whose estimates extrapolate")
    boolean preferMeasured;

    @Mixin
    EstimatorOption estimatorOption;

    @Mixin
    HardwareCatalogOption catalog;

    @Mixin
    ModelCatalogOption models;

    @Mixin
    FormatOption format;

    @Option(names = "--batch-search",
            description = "also compare batch sizes for one epoch on each offer that fits memory (training jobs)")
    boolean batchSearch;

    @Option(names = "--max-batch", defaultValue = "4096",
            description = "largest batch the batch search tries (default: ${DEFAULT-VALUE})")
    int maxBatch;

    @Override
    public Integer call() throws IOException {
        if ((specFile == null) == (fleetFile == null)) {
            throw new UserInputException("give either --spec (one job) or --fleet (a queue of jobs), not "
                    + (specFile == null ? "neither" : "both"));
        }
        if (fleetFile != null) {
            return fleet();
        }
        if (offersFile == null) {
            throw new UserInputException("--offers is required with --spec");
        }
        Constraints constraints = constraints();
        HardwareCatalog hardware = catalog.load();
        WorkloadSpec workload = Inputs.workload(specFile, hardware, models);
        workload.defaultsAssumed().forEach(d -> spec.commandLine().getErr().println("note: " + d));
        if (batchSearch && (!workload.job().phase().isTraining() || workload.job().datasetSize() < 1)) {
            throw new UserInputException("--batch-search needs a training job with a datasetSize; the spec's job is "
                    + workload.job().phase().id() + " with datasetSize " + workload.job().datasetSize());
        }
        if (maxBatch < 1) {
            throw new UserInputException("--max-batch = " + maxBatch + ": must be >= 1");
        }
        OfferReadResult offers = readOffers(hardware);
        PrintWriter err = spec.commandLine().getErr();
        for (OfferRejection r : offers.rejections()) {
            err.println("runtime-estimator: warning: offer left out: " + r.message());
        }
        err.flush();
        if (offers.offers().isEmpty()) {
            throw new UserInputException("offers file " + offersFile + " has no usable offer ("
                    + offers.rejections().size() + " left out)");
        }

        RuntimeEstimator estimator = estimatorOption.load(main.estimators, spec.commandLine().getErr());
        ResourcePlanner planner = new ResourcePlanner(estimator);
        Plan plan = planner.plan(workload, offers.offers(), constraints);
        List<BatchSearch> searches = batchSearch ? searches(planner, plan) : List.of();

        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(json(plan, searches));
        } else {
            out.print(PlanFormatter.markdown(plan));
            if (!searches.isEmpty()) {
                out.println();
                out.print(markdown(searches, plan.currency()));
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The fleet view: jobs and owned pools from the fleet file, rented offers from --offers if given. */
    private Integer fleet() {
        if (deadline != null || budget != null || batchSearch || !"cost".equalsIgnoreCase(rankBy) || preferMeasured) {
            throw new UserInputException("--fleet takes each job's deadline and budget from the fleet file and minimises"
                    + " the total cost (each assignment shows its trust mark); leave out --deadline, --budget,"
                    + " --rank-by, --prefer-measured and --batch-search");
        }
        HardwareCatalog hardware = catalog.load();
        Inputs.existingFile("fleet file", fleetFile);
        FleetReader.Fleet fleet;
        try {
            fleet = new FleetReader(hardware, models.catalog()).read(fleetFile);
        } catch (IOException e) {
            throw new UserInputException("fleet file " + fleetFile + " cannot be used: " + Inputs.oneLine(e), e);
        }
        List<FleetJob> jobs = fleet.jobs().stream()
                .map(j -> new FleetJob(j.id(), models.enrich(j.workload()), j.deadline(), j.budget())).toList();
        List<io.github.runtimeestimator.planner.HardwareOffer> rented = List.of();
        if (offersFile != null) {
            OfferReadResult offers = readOffers(hardware);
            PrintWriter err = spec.commandLine().getErr();
            for (OfferRejection r : offers.rejections()) {
                err.println("runtime-estimator: warning: offer left out: " + r.message());
            }
            err.flush();
            rented = offers.offers();
        }
        RuntimeEstimator estimator = estimatorOption.load(main.estimators, spec.commandLine().getErr());
        FleetPlan plan = new FleetPlanner(new ResourcePlanner(estimator), estimator.describe())
                .assign(jobs, fleet.pools(), rented, assumptions(Constraints.none()));
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(FleetFormatter.json(plan));
        } else {
            out.print(FleetFormatter.markdown(plan));
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** Deadline and/or budget; at least one is required, each validated by {@link Constraints}. */
    private Constraints constraints() {
        if (deadline == null && budget == null) {
            throw new UserInputException("at least one of --deadline (e.g. 2h) and --budget (e.g. 50) is required");
        }
        Duration d = deadline == null ? null : Durations.parse("--deadline", deadline);
        return assumptions(new Constraints(d, budget, Objective.fromId("--rank-by", rankBy)));
    }

    /** {@code base} with the overlap, checkpointing and preference the options give. */
    Constraints assumptions(Constraints base) {
        if (!(overlap >= 0 && overlap <= 1)) {
            throw new UserInputException("--overlap = " + overlap + ": must be within [0, 1]");
        }
        double interval = checkpointInterval == null ? 0
                : positiveSeconds("--checkpoint-interval", checkpointInterval);
        Checkpointing checkpointing = new Checkpointing(interval, positiveSeconds("--checkpoint-write", checkpointWrite),
                Durations.toSeconds(Durations.parse("--restart", restart)));
        return base.withCommunicationOverlap(overlap).withCheckpointing(checkpointing).preferringMeasured(preferMeasured);
    }

    private static double positiveSeconds(String option, String text) {
        double s = Durations.toSeconds(Durations.parse(option, text));
        if (!(s > 0)) {
            throw new UserInputException(option + " = " + text + ": must be > 0");
        }
        return s;
    }

    private OfferReadResult readOffers(HardwareCatalog hardware) {
        Inputs.existingFile("offers file", offersFile);
        try {
            return new OfferReader(hardware).read(offersFile);
        } catch (IOException e) {
            throw new UserInputException("offers file " + offersFile + " cannot be read: " + Inputs.oneLine(e), e);
        }
    }

    /** One batch search per offer that fits memory, in rank order. */
    private List<BatchSearch> searches(ResourcePlanner planner, Plan plan) {
        List<BatchSearch> result = new ArrayList<>();
        for (RankedOffer r : plan.ranked()) {
            if (r.hasEstimate() && r.verdict() != Verdict.OUT_OF_MEMORY
                    && r.verdict() != Verdict.NEEDS_MODEL_PARALLELISM) {
                result.add(planner.cheapestBatchPerEpoch(plan.workload(), r.offer(), maxBatch));
            }
        }
        return result;
    }

    private static String markdown(List<BatchSearch> searches, String currency) {
        StringBuilder b = new StringBuilder("Batch search, one epoch (cost per epoch only; a larger batch also"
                + " changes convergence):\n\n");
        b.append("| offer | largest batch that fits | cheapest batch | epoch time | epoch time (upper) | cost (")
                .append(currency).append(") | upper cost |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (BatchSearch s : searches) {
            b.append("| ").append(s.offer().id()).append(" | ").append(s.largestFittingBatch()).append(" | ");
            if (s.cheapest() == null) {
                b.append("- | - | - | - | - |\n");
                continue;
            }
            BatchSearch.Option o = s.cheapest();
            b.append(o.batchSize())
                    .append(" | ").append(Durations.formatSeconds(o.secondsPerEpoch()))
                    .append(" | ").append(Durations.formatSeconds(o.upperSecondsPerEpoch()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", o.costPerEpoch()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", o.upperCostPerEpoch()))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** {@link PlanFormatter#json} plus, when searched, {@code batchSearch}: one entry per offer searched. */
    private static String json(Plan plan, List<BatchSearch> searches) throws JsonProcessingException {
        String base = PlanFormatter.json(plan);
        if (searches.isEmpty()) {
            return base;
        }
        ObjectNode root = (ObjectNode) JsonMappers.output().readTree(base);
        ArrayNode all = root.putArray("batchSearch");
        for (BatchSearch s : searches) {
            ObjectNode o = all.addObject();
            o.put("offerId", s.offer().id());
            o.put("largestFittingBatch", s.largestFittingBatch());
            if (s.cheapest() == null) {
                o.putNull("cheapestBatchSize");
            } else {
                o.put("cheapestBatchSize", s.cheapest().batchSize());
            }
            ArrayNode options = o.putArray("options");
            for (BatchSearch.Option opt : s.options()) {
                ObjectNode n = options.addObject();
                n.put("batchSize", opt.batchSize());
                n.put("memoryBytesPerDevice", opt.memory().totalBytes());
                number(n, "secondsPerEpoch", opt.secondsPerEpoch());
                number(n, "upperSecondsPerEpoch", opt.upperSecondsPerEpoch());
                number(n, "costPerEpoch", opt.costPerEpoch());
                number(n, "upperCostPerEpoch", opt.upperCostPerEpoch());
                if (!opt.failure().isEmpty()) {
                    n.put("failure", opt.failure());
                }
            }
        }
        return JsonMappers.output().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
