package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.Checks;
import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the least (cheapest) hardware that meets a deadline and/or a budget, with any {@link RuntimeEstimator}.
 * Immutable and thread-safe when the estimator is.
 *
 * <h2>How an offer is judged</h2>
 * <ol>
 *   <li>Memory: {@link MemoryEstimator} per device; over the device's memory is {@link Verdict#OUT_OF_MEMORY}.</li>
 *   <li>Time: the estimator predicts the workload on ONE device of the offer with the whole (global) batch.
 *       An offer of {@code n > 1} devices is assumed to run data parallel and take
 *       {@code time(1) / (n x efficiency)}, bounds alike; the efficiency ({@value #DEFAULT_DATA_PARALLEL_EFFICIENCY}
 *       by default) stands for gradient all-reduce and stragglers. The single-device estimators trained on the
 *       shared data have never seen a multi-device row, so the planner does not ask them to scale.
 *       An estimator that throws (or returns a non-finite time) for one offer gives that offer
 *       {@link Verdict#ESTIMATE_FAILED}; the others are still ranked.</li>
 *   <li>Deadline: the <em>upper</em> bound must be within it, else {@link Verdict#TOO_SLOW}.</li>
 *   <li>Cost: {@code seconds / 3600 x pricePerDeviceHour x devices}; the upper-bound cost must be within the
 *       budget, else {@link Verdict#OVER_BUDGET}.</li>
 * </ol>
 * The plan chooses the fitting offer of lowest upper-bound cost (ties: lower upper-bound time, then id), or, when the
 * constraints rank by {@link Objective#ENERGY}, of lowest upper-bound energy (upper-bound time x board power x
 * devices; offers without a board power figure after those with one; ties: lower upper-bound cost, then id).
 */
public final class ResourcePlanner {
    /** Throughput share each extra device adds under data parallelism (assumed, not measured). */
    public static final double DEFAULT_DATA_PARALLEL_EFFICIENCY = 0.90;
    /** Nearest misses a "nothing fits" plan lists. */
    public static final int NEAREST_MISSES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ResourcePlanner.class);

    private final RuntimeEstimator estimator;
    private final MemoryEstimator memory;
    private final double dataParallelEfficiency;

    public ResourcePlanner(RuntimeEstimator estimator) {
        this(estimator, MemoryEstimator.defaults(), DEFAULT_DATA_PARALLEL_EFFICIENCY);
    }

    public ResourcePlanner(RuntimeEstimator estimator, MemoryEstimator memory, double dataParallelEfficiency) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.memory = Objects.requireNonNull(memory, "memory");
        if (!(dataParallelEfficiency > 0 && dataParallelEfficiency <= 1)) {
            throw new SpecValidationException("dataParallelEfficiency", dataParallelEfficiency, "must be within (0, 1]");
        }
        this.dataParallelEfficiency = dataParallelEfficiency;
    }

    /**
     * Ranks every offer for {@code workload} (its hardware, if any, is replaced by each offer's) and chooses
     * the cheapest that meets {@code constraints}.
     *
     * @throws SpecValidationException when there are no offers, or they mix currencies
     */
    public Plan plan(WorkloadSpec workload, List<HardwareOffer> offers, Constraints constraints) {
        Checks.required("workload", workload);
        Checks.required("constraints", constraints);
        Checks.required("offers", offers);
        if (offers.isEmpty()) {
            throw new SpecValidationException("offers", 0, "must list at least one offer");
        }
        String currency = commonCurrency(offers);
        List<RankedOffer> judged = new ArrayList<>();
        for (HardwareOffer offer : offers) {
            judged.add(judge(workload, offer, constraints, currency));
        }
        judged.sort(ranking(constraints.objective()));
        RankedOffer chosen = judged.get(0).fits() ? judged.get(0) : null;
        List<RankedOffer> misses = new ArrayList<>();
        if (chosen == null) {
            for (RankedOffer r : judged) {
                if (!Double.isNaN(r.missRatio()) && misses.size() < NEAREST_MISSES) {
                    misses.add(r);
                }
            }
        }
        Plan plan = new Plan(workload, constraints, currency, judged, chosen, misses, dataParallelEfficiency,
                estimator.describe());
        LOG.debug("plan for {}: {}", workload.model().name(), plan.summary());
        return plan;
    }

    /** Fitting offers by upper-bound cost, then misses nearest first, failed estimates last. */
    static final Comparator<RankedOffer> RANKING = Comparator
            .comparingInt((RankedOffer r) -> r.fits() ? 0 : r.verdict() == Verdict.ESTIMATE_FAILED ? 2 : 1)
            .thenComparingDouble(r -> r.fits() ? r.upperCost() : r.missRatio())
            .thenComparingDouble(r -> Double.isNaN(r.upperSeconds()) ? Double.MAX_VALUE : r.upperSeconds())
            .thenComparing(r -> r.offer().id());

    /**
     * Fitting offers by upper-bound energy (those without a board power figure after those with one), then as
     * {@link #RANKING}.
     */
    static final Comparator<RankedOffer> ENERGY_RANKING = Comparator
            .comparingInt((RankedOffer r) -> r.fits() ? 0 : 1)
            .thenComparingDouble(r -> r.fits() && r.hasEnergy() ? r.upperEnergyJoules() : Double.MAX_VALUE)
            .thenComparing(RANKING);

    static Comparator<RankedOffer> ranking(Objective objective) {
        return objective == Objective.ENERGY ? ENERGY_RANKING : RANKING;
    }

    private RankedOffer judge(WorkloadSpec workload, HardwareOffer offer, Constraints c, String currency) {
        WorkloadSpec spec = workload.withHardware(offer.hardware());
        MemoryEstimate mem = memory.estimate(spec);
        double memRatio = mem.totalBytes() / (double) offer.hardware().memoryBytes();

        double[] t;
        String failure = null;
        try {
            t = scaledSeconds(spec);
        } catch (RuntimeException e) {
            t = null;
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.debug("estimate failed for offer {}: {}", offer.id(), failure);
        }

        List<String> reasons = new ArrayList<>();
        Verdict verdict = Verdict.FITS;
        if (!mem.fits(offer.hardware())) {
            verdict = Verdict.OUT_OF_MEMORY;
            reasons.add(String.format(Locale.ROOT, "needs %.0f MiB per device, a device has %.0f MiB",
                    mem.totalMib(), offer.hardware().memoryBytes() / (double) MemoryEstimate.MIB));
        }
        if (t == null) {
            if (verdict == Verdict.FITS) {
                verdict = Verdict.ESTIMATE_FAILED;
            }
            reasons.add("estimate failed: " + failure);
            return new RankedOffer(offer, verdict, String.join("; ", reasons), mem, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, verdict == Verdict.OUT_OF_MEMORY ? memRatio : Double.NaN,
                    Double.NaN, Double.NaN);
        }
        double cost = offer.costOf(t[1]);
        double upperCost = offer.costOf(t[2]);
        double timeRatio = t[2] / c.deadlineSeconds();
        double budgetRatio = c.budget() == null ? 0 : c.budget() == 0 ? (upperCost > 0 ? Double.POSITIVE_INFINITY : 0)
                : upperCost / c.budget();
        if (c.deadline() != null && t[2] > c.deadlineSeconds()) {
            if (verdict == Verdict.FITS) {
                verdict = Verdict.TOO_SLOW;
            }
            reasons.add("upper bound " + Durations.formatSeconds(t[2]) + " exceeds the deadline "
                    + Durations.format(c.deadline()));
        }
        if (c.budget() != null && upperCost > c.budget()) {
            if (verdict == Verdict.FITS) {
                verdict = Verdict.OVER_BUDGET;
            }
            reasons.add(String.format(Locale.ROOT, "upper-bound cost %.2f %s exceeds the budget %.2f %s",
                    upperCost, currency, c.budget(), currency));
        }
        double missRatio = Math.max(memRatio, Math.max(timeRatio, budgetRatio));
        HardwareSpec hw = offer.hardware();
        return new RankedOffer(offer, verdict, String.join("; ", reasons), mem, t[1], t[0], t[2], cost,
                upperCost, missRatio, hw.energyUpperBoundJoules(t[1]), hw.energyUpperBoundJoules(t[2]));
    }

    /**
     * {lower, point, upper} seconds of {@code spec} on its hardware: the estimator's answer for one device,
     * divided by {@code devices x efficiency} for several when training (data parallel). One inference batch
     * runs on one device, so its latency does not shrink with the offer's device count.
     */
    double[] scaledSeconds(WorkloadSpec spec) {
        int n = spec.requireHardware().deviceCount();
        WorkloadSpec single = n == 1 ? spec : spec.withHardware(spec.hardware().withDeviceCount(1));
        Estimate e = estimator.predict(single);
        if (e == null || !Double.isFinite(e.seconds()) || !Double.isFinite(e.upperSeconds())) {
            throw new IllegalStateException("the estimator returned no finite time");
        }
        double speedup = n == 1 || !spec.job().phase().isTraining() ? 1.0 : n * dataParallelEfficiency;
        return new double[] {e.lowerSeconds() / speedup, e.seconds() / speedup, e.upperSeconds() / speedup};
    }

    /**
     * The largest batch size in {@code [1, maxBatch]} whose predicted peak memory fits one device of the spec's
     * hardware (binary search: memory grows with the batch). Empty when even a batch of 1 does not fit.
     */
    public OptionalInt largestBatchThatFits(WorkloadSpec spec, int maxBatch) {
        Checks.atLeast("maxBatch", maxBatch, 1);
        var hw = spec.requireHardware();
        int lo = 0;
        int hi = maxBatch;
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (memory.estimate(spec.withJob(spec.job().withBatchSize(mid))).fits(hw)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? OptionalInt.empty() : OptionalInt.of(lo);
    }

    /**
     * Compares batch sizes for one epoch of training on {@code offer}: every power of two up to the largest
     * batch that fits memory (at most {@code maxBatch}), and that largest batch itself. Each candidate's epoch
     * ({@code ceil(datasetSize / batch)} steps) is estimated and costed at its upper bound; the cheapest wins
     * (ties: the faster, then the smaller batch). A larger batch also changes convergence: this compares cost
     * per epoch only.
     *
     * @throws SpecValidationException when the job is not training or has no dataset size
     */
    public BatchSearch cheapestBatchPerEpoch(WorkloadSpec workload, HardwareOffer offer, int maxBatch) {
        JobSpec job = workload.job();
        if (!job.phase().isTraining()) {
            throw new SpecValidationException("job.phase", job.phase().id(), "batch search per epoch needs a training job");
        }
        if (job.datasetSize() < 1) {
            throw new SpecValidationException("job.datasetSize", job.datasetSize(),
                    "must be >= 1 to compare batch sizes per epoch");
        }
        WorkloadSpec spec = workload.withHardware(offer.hardware());
        OptionalInt largest = largestBatchThatFits(spec, maxBatch);
        List<BatchSearch.Option> options = new ArrayList<>();
        if (largest.isEmpty()) {
            return new BatchSearch(offer, 0, options, null);
        }
        TreeSet<Integer> candidates = new TreeSet<>();
        for (int b = 1; b <= largest.getAsInt() && b > 0; b *= 2) {
            candidates.add(b);
        }
        candidates.add(largest.getAsInt());
        BatchSearch.Option best = null;
        for (int b : candidates) {
            JobSpec epoch = JobSpec.trainingEpoch(b, job.optimizer(), job.learningRate(), job.datasetSize());
            WorkloadSpec candidate = spec.withJob(epoch);
            MemoryEstimate mem = memory.estimate(candidate);
            BatchSearch.Option option;
            try {
                double[] t = scaledSeconds(candidate);
                option = new BatchSearch.Option(b, mem, t[1], t[2], offer.costOf(t[1]), offer.costOf(t[2]), "");
            } catch (RuntimeException e) {
                option = new BatchSearch.Option(b, mem, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        "estimate failed: " + e.getMessage());
            }
            options.add(option);
            if (option.failure().isEmpty() && (best == null || option.upperCostPerEpoch() < best.upperCostPerEpoch()
                    || (option.upperCostPerEpoch() == best.upperCostPerEpoch()
                        && option.upperSecondsPerEpoch() < best.upperSecondsPerEpoch()))) {
                best = option;
            }
        }
        return new BatchSearch(offer, largest.getAsInt(), options, best);
    }

    private static String commonCurrency(List<HardwareOffer> offers) {
        TreeSet<String> currencies = new TreeSet<>();
        for (HardwareOffer o : offers) {
            currencies.add(Checks.required("offers[]", o).currency());
        }
        if (currencies.size() > 1) {
            throw new SpecValidationException("offers.currency", String.join(", ", currencies),
                    "all offers must share one currency for their costs to be compared");
        }
        return currencies.first();
    }
}
