package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelDescription;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.PhysicalBounds;
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
 *   <li>Memory: {@link MemoryEstimator} per device. When the model's weights, gradients and optimizer state alone
 *       exceed one device: {@link Verdict#NEEDS_MODEL_PARALLELISM} (data parallelism keeps a full copy on every
 *       device); when the whole peak does: {@link Verdict#OUT_OF_MEMORY}.</li>
 *   <li>Time, one device: the estimator's answer for the workload on one device of the offer.</li>
 *   <li>Time, {@code n > 1} devices, training (data parallel, from physics): each step is one device's step at
 *       {@code ceil(batch / n)} samples (asked of the estimator with deviceCount 1, for the same number of steps)
 *       plus the part of the gradient all-reduce that compute does not hide: {@link RingAllReduce#seconds} of
 *       {@code parameters x 4} bytes over the offer's link, less {@link Constraints#communicationOverlap()} of it
 *       (never more than the step's compute). A batch smaller than {@code n} cannot be split:
 *       {@link Verdict#BATCH_TOO_SMALL}. Details in {@link RankedOffer#scaling()}.</li>
 *   <li>Time, {@code n > 1} devices, inference: one batch runs on one device, so its latency does not shrink with
 *       the device count (several devices serve more batches at once: throughput, not latency).</li>
 *   <li>Spot: on an offer with {@link SpotMarket} terms, each time becomes its expectation with checkpoints,
 *       interruptions and restarts ({@link SpotExpectation}, {@link Constraints#checkpointing()}).</li>
 *   <li>Deadline: the <em>upper</em> bound must be within it, else {@link Verdict#TOO_SLOW}. So must the job's
 *       physical floor ({@link PhysicalBounds#floorSeconds}: its FLOPs at a few times the offer's fastest peak,
 *       all devices, perfect scaling), whatever the estimator says: an offer whose compute alone cannot meet the
 *       deadline is never chosen, even when an estimator answers faster than physics allows.</li>
 *   <li>Cost: the offer's {@link Billing} applied to the time ({@code billedSeconds / 3600 x pricePerDeviceHour x
 *       devices}); the upper-bound cost must be within the budget, else {@link Verdict#OVER_BUDGET}.</li>
 *   <li>Trust: the estimate's {@link io.github.runtimeestimator.core.Estimate#extrapolations()} are kept with the
 *       offer ({@link RankedOffer#extrapolations()}), so a scheduler can prefer a measured alternative.</li>
 * </ol>
 * An estimator that throws (or returns a non-finite time) for one offer gives that offer
 * {@link Verdict#ESTIMATE_FAILED}; the others are still ranked. The plan chooses the fitting offer of lowest
 * upper-bound cost (ties: lower upper-bound time, then id), or, when the constraints rank by
 * {@link Objective#ENERGY}, of lowest upper-bound energy (upper-bound time x board power x devices; offers without
 * a board power figure after those with one; ties: lower upper-bound cost, then id). With
 * {@link Constraints#preferMeasured()}, fitting offers whose estimates do not extrapolate come first.
 */
public final class ResourcePlanner {
    /** Nearest misses a "nothing fits" plan lists. */
    public static final int NEAREST_MISSES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ResourcePlanner.class);

    private final RuntimeEstimator estimator;
    private final MemoryEstimator memory;

    /**
     * A planner with {@link MemoryEstimator#defaults()}.
     *
     * @param estimator the runtime estimator; not null
     */
    public ResourcePlanner(RuntimeEstimator estimator) {
        this(estimator, MemoryEstimator.defaults());
    }

    /**
     * A planner with its own memory estimator.
     *
     * @param estimator the runtime estimator; not null
     * @param memory    the memory estimator; not null
     */
    public ResourcePlanner(RuntimeEstimator estimator, MemoryEstimator memory) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /**
     * Ranks every offer for {@code workload} (its hardware, if any, is replaced by each offer's) and chooses
     * the cheapest that meets {@code constraints}.
     *
     * @param workload    the workload; not null
     * @param offers      the offers to judge, at least one, all in one currency
     * @param constraints deadline, budget and ranking; not null
     * @return the plan: every offer ranked, the chosen one (null when nothing fits) and, when nothing fits, up to
     *         {@value #NEAREST_MISSES} nearest misses
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
            judged.add(judge(workload, offer, constraints));
        }
        judged.sort(ranking(constraints));
        RankedOffer chosen = judged.get(0).fits() ? judged.get(0) : null;
        List<RankedOffer> misses = new ArrayList<>();
        if (chosen == null) {
            for (RankedOffer r : judged) {
                if (!Double.isNaN(r.missRatio()) && misses.size() < NEAREST_MISSES) {
                    misses.add(r);
                }
            }
        }
        Plan plan = new Plan(workload, constraints, currency, judged, chosen, misses, estimator.describe());
        LOG.debug("plan for {}: {}", workload.model().name(), plan.summary());
        return plan;
    }

    /** Fitting offers by upper-bound cost, then misses nearest first, offers without an estimate last. */
    static final Comparator<RankedOffer> RANKING = Comparator
            .comparingInt((RankedOffer r) -> r.fits() ? 0 : r.hasEstimate() && !Double.isNaN(r.missRatio()) ? 1 : 2)
            .thenComparingDouble(r -> r.fits() ? r.upperCost() : Double.isNaN(r.missRatio()) ? 0 : r.missRatio())
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

    /** Fitting offers within the training data before fitting extrapolations; the rest as before. */
    private static final Comparator<RankedOffer> MEASURED_FIRST = Comparator
            .comparingInt((RankedOffer r) -> r.fits() ? (r.extrapolates() ? 1 : 0) : 2);

    static Comparator<RankedOffer> ranking(Objective objective) {
        return objective == Objective.ENERGY ? ENERGY_RANKING : RANKING;
    }

    static Comparator<RankedOffer> ranking(Constraints c) {
        Comparator<RankedOffer> base = ranking(c.objective());
        return c.preferMeasured() ? MEASURED_FIRST.thenComparing(base) : base;
    }

    /**
     * The job's time on an offer, before interruptions: bounds, the estimate's extrapolations, the scaling, and how
     * the estimator described the model.
     */
    record Timing(double lower, double point, double upper, List<String> extrapolations, ScalingDetail scaling,
                  TensorParallelDetail tensorParallel, ModelDescription modelDescription) {
    }

    /** Why data parallelism cannot run the job on the offer (a tagged refusal, not an estimator failure). */
    static final class CannotSplitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Verdict verdict;

        CannotSplitException(Verdict verdict, String message) {
            super(message);
            this.verdict = verdict;
        }
    }

    /** Judges one offer for {@code workload} under {@code c}: memory, time, spot, cost, deadline, budget, trust. */
    RankedOffer judge(WorkloadSpec workload, HardwareOffer offer, Constraints c) {
        WorkloadSpec spec = workload.withHardware(offer.hardware());
        boolean training = spec.job().phase().isTraining();
        // inference: one batch runs whole on one device, whatever the offer's count
        MemoryEstimate mem = memory.estimate(training ? spec : spec.withHardware(offer.hardware().withDeviceCount(1)));
        long deviceBytes = offer.hardware().memoryBytes();
        double memRatio = mem.totalBytes() / (double) deviceBytes;

        List<String> reasons = new ArrayList<>();
        Verdict verdict = Verdict.FITS;
        long stateBytes = mem.weightsBytes() + mem.gradientsBytes() + mem.optimizerStateBytes();
        if (stateBytes > deviceBytes) {
            verdict = Verdict.NEEDS_MODEL_PARALLELISM;
            reasons.add(String.format(Locale.ROOT, "does not fit one device: its %s alone need %.0f MiB, a device has"
                    + " %.0f MiB; needs model parallelism (tensor or pipeline parallel, or sharded optimizer state)",
                    training ? "weights, gradients and optimizer state" : "weights",
                    stateBytes / (double) MemoryEstimate.MIB, deviceBytes / (double) MemoryEstimate.MIB));
        } else if (!mem.fits(offer.hardware())) {
            verdict = Verdict.OUT_OF_MEMORY;
            reasons.add(String.format(Locale.ROOT, "needs %.0f MiB per device, a device has %.0f MiB",
                    mem.totalMib(), deviceBytes / (double) MemoryEstimate.MIB));
        }

        boolean tensorParallel = false;
        if (verdict == Verdict.NEEDS_MODEL_PARALLELISM) {
            String why = TensorParallel.whyNot(spec, offer);
            if (why != null) {
                reasons.set(0, reasons.get(0) + "; no tensor-parallel estimate: " + why);
            } else {
                MemoryEstimate split = memory.estimateTensorParallel(spec, offer.deviceCount());
                if (split.fits(offer.hardware())) {
                    tensorParallel = true;
                    verdict = Verdict.FITS;
                    reasons.clear();
                    mem = split;
                    memRatio = mem.totalBytes() / (double) deviceBytes;
                } else {
                    reasons.set(0, reasons.get(0) + String.format(Locale.ROOT, "; tensor parallel over %d devices"
                            + " still needs %.0f MiB per device", offer.deviceCount(), split.totalMib()));
                }
            }
        }

        Timing t;
        try {
            t = tensorParallel ? tensorParallelTiming(spec, offer) : timing(spec, offer, c.communicationOverlap());
        } catch (CannotSplitException e) {
            if (verdict == Verdict.FITS) {
                verdict = e.verdict;
            }
            reasons.add(e.getMessage());
            return withoutEstimate(offer, verdict, reasons, mem, memRatio);
        } catch (RuntimeException e) {
            String failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.debug("estimate failed for offer {}: {}", offer.id(), failure);
            if (verdict == Verdict.FITS) {
                verdict = Verdict.ESTIMATE_FAILED;
            }
            reasons.add("estimate failed: " + failure);
            return withoutEstimate(offer, verdict, reasons, mem, memRatio);
        }

        double lower = t.lower();
        double point = t.point();
        double upper = t.upper();
        SpotExpectation spot = null;
        if (offer.isSpot()) {
            lower = SpotExpectation.of(lower, offer.spot(), c.checkpointing()).expectedSeconds();
            point = SpotExpectation.of(point, offer.spot(), c.checkpointing()).expectedSeconds();
            spot = SpotExpectation.of(upper, offer.spot(), c.checkpointing());
            upper = spot.expectedSeconds();
        }
        double cost = offer.costOf(point);
        double upperCost = offer.costOf(upper);
        double floorSeconds = PhysicalBounds.floorSeconds(spec);
        double timeRatio = Math.max(upper, floorSeconds) / c.deadlineSeconds();
        double budgetRatio = c.budget() == null ? 0 : c.budget() == 0 ? (upperCost > 0 ? Double.POSITIVE_INFINITY : 0)
                : upperCost / c.budget();
        if (c.deadline() != null && !(upper <= c.deadlineSeconds())) {
            if (verdict == Verdict.FITS) {
                verdict = Verdict.TOO_SLOW;
            }
            reasons.add((spot == null ? "upper bound " : "expected upper bound with interruptions ")
                    + Durations.formatSeconds(upper) + " exceeds the deadline " + Durations.format(c.deadline()));
        }
        if (c.deadline() != null && !(floorSeconds <= c.deadlineSeconds())) {
            if (verdict == Verdict.FITS) {
                verdict = Verdict.TOO_SLOW;
            }
            reasons.add("its compute alone takes at least " + Durations.formatSeconds(floorSeconds)
                    + " (the job's FLOPs at " + (int) PhysicalBounds.PEAK_HEADROOM + "x the fastest peak),"
                    + " beyond the deadline " + Durations.format(c.deadline()));
        }
        if (c.budget() != null && !(upperCost <= c.budget())) {
            if (verdict == Verdict.FITS) {
                verdict = Verdict.OVER_BUDGET;
            }
            reasons.add(String.format(Locale.ROOT, "upper-bound cost %.2f %s exceeds the budget %.2f %s",
                    upperCost, offer.currency(), c.budget(), offer.currency()));
        }
        double missRatio = Math.max(memRatio, Math.max(timeRatio, budgetRatio));
        HardwareSpec hw = offer.hardware();
        return new RankedOffer(offer, verdict, String.join("; ", reasons), mem, point, lower, upper, cost,
                upperCost, missRatio, hw.energyUpperBoundJoules(point), hw.energyUpperBoundJoules(upper),
                t.extrapolations(), t.scaling(), spot, t.tensorParallel(), t.modelDescription());
    }

    private static RankedOffer withoutEstimate(HardwareOffer offer, Verdict verdict, List<String> reasons,
                                               MemoryEstimate mem, double memRatio) {
        boolean memory = verdict == Verdict.OUT_OF_MEMORY || verdict == Verdict.NEEDS_MODEL_PARALLELISM;
        return new RankedOffer(offer, verdict, String.join("; ", reasons), mem, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, memory ? memRatio : Double.NaN, Double.NaN, Double.NaN, List.of(), null, null, null,
                null);
    }

    /**
     * The job's {lower, point, upper} seconds on the offer before interruptions: the estimator's answer for one
     * device; for several devices and a training job, one device's steps at its share of the batch plus the exposed
     * all-reduce per step; for inference, one device's answer (latency does not shrink with devices).
     */
    Timing timing(WorkloadSpec spec, HardwareOffer offer, double overlap) {
        int n = offer.deviceCount();
        HardwareSpec one = offer.hardware().withDeviceCount(1);
        JobSpec job = spec.job();
        if (n == 1 || !job.phase().isTraining()) {
            Estimate e = finite(estimator.predict(n == 1 ? spec : spec.withHardware(one)));
            return new Timing(e.lowerSeconds(), e.seconds(), e.upperSeconds(), e.extrapolations(), null, null, e.modelDescription());
        }
        if (job.batchSize() < n) {
            throw new CannotSplitException(Verdict.BATCH_TOO_SMALL, "a batch of " + job.batchSize()
                    + " cannot be split over " + n + " devices: data parallelism needs at least one sample per device");
        }
        RingAllReduce.Link link = RingAllReduce.linkOf(offer)
                .orElseThrow(() -> new IllegalStateException(RingAllReduce.missingLinkReason(offer)));
        int perDevice = (int) (((long) job.batchSize() + n - 1) / n);
        Estimate e = finite(estimator.predict(spec.withHardware(one).withJob(perDeviceJob(job, perDevice))));
        long steps = job.steps();
        double gradientBytes = (double) spec.model().parameters() * MemoryEstimator.GRADIENT_BYTES;
        double allReduce = RingAllReduce.seconds(gradientBytes, n, link.bytesPerSecond());
        double[] bounds = {e.lowerSeconds(), e.seconds(), e.upperSeconds()};
        for (int i = 0; i < bounds.length; i++) {
            double computePerStep = bounds[i] / steps;
            bounds[i] += steps * ScalingDetail.exposedSeconds(allReduce, computePerStep, overlap);
        }
        double computePerStep = e.seconds() / steps;
        ScalingDetail scaling = new ScalingDetail(n, perDevice, gradientBytes, link, allReduce, overlap,
                ScalingDetail.exposedSeconds(allReduce, computePerStep, overlap), computePerStep);
        return new Timing(bounds[0], bounds[1], bounds[2], e.extrapolations(), scaling, null, e.modelDescription());
    }

    /**
     * {lower, point, upper} seconds of a model too large for one device, split tensor-parallel over the offer's
     * devices: the estimator's answer for the whole job on one device (as if it fit) divided by {@code n} times the
     * measured shard efficiency ({@link TensorParallelEfficiency}: the median for the point and lower bound, the
     * 10th percentile for the upper), plus each step's activation all-reduces over NVLink (2 a layer forward, 4 when
     * training, of tokens x hidden x element size each), which compute does not hide. Always marked as an
     * extrapolation: no tensor-parallel run was measured end to end.
     */
    Timing tensorParallelTiming(WorkloadSpec spec, HardwareOffer offer) {
        int n = offer.deviceCount();
        TensorParallel.Shape shape = TensorParallel.shapeOf(spec.model().operatorGraph().orElseThrow()).orElseThrow();
        RingAllReduce.Link link = RingAllReduce.nvlinkOf(offer).orElseThrow();
        Estimate e = finite(estimator.predict(spec.withHardware(offer.hardware().withDeviceCount(1))));
        JobSpec job = spec.job();
        double tokensPerStep = shape.tokensPerSample() * job.batchSize();
        TensorParallelEfficiency.Shard shard = TensorParallelEfficiency.of(offer.hardware(), n, tokensPerStep);
        double bytes = tokensPerStep * shape.hidden() * spec.precision().bytesPerElement();
        int allReduces = job.phase().isTraining() ? 4 : 2;
        double communication = shape.layers() * allReduces * RingAllReduce.seconds(bytes, n, link.bytesPerSecond());
        double perJob = communication * job.steps();
        List<String> reasons = new ArrayList<>(e.extrapolations());
        reasons.add(String.format(Locale.ROOT, "tensor-parallel estimate over %d devices: shard efficiency %.3f (10th"
                + " percentile %.3f) from %s on %s%s, activation all-reduces from the ring formula; no tensor-parallel"
                + " run was measured end to end", n, shard.median(), shard.p10(), TensorParallelEfficiency.SOURCE,
                shard.measuredOn(), shard.note().isEmpty() ? "" : " (" + shard.note() + ")"));
        TensorParallelDetail detail = new TensorParallelDetail(n, shape.layers(), shape.hidden(), tokensPerStep, bytes,
                (int) (shape.layers() * allReduces), link, communication, shard);
        return new Timing(e.lowerSeconds() / (n * shard.median()) + perJob, e.seconds() / (n * shard.median()) + perJob,
                e.upperSeconds() / (n * shard.p10()) + perJob, reasons, null, detail,
                e.modelDescription());
    }

    /**
     * The job one device of a data-parallel group runs: the same phase and number of steps, at {@code perDevice}
     * samples a step (an epoch of {@code stepsPerEpoch x perDevice} samples, its shard of the data set).
     */
    static JobSpec perDeviceJob(JobSpec job, int perDevice) {
        return switch (job.phase()) {
            case INFER, TRAIN_STEP -> job.withBatchSize(perDevice);
            case TRAIN_EPOCH, TRAIN_JOB -> new JobSpec(job.phase(), perDevice, job.optimizer(), job.learningRate(),
                    Math.multiplyExact(job.stepsPerEpoch(), (long) perDevice), job.epochs());
        };
    }

    private static Estimate finite(Estimate e) {
        if (e == null || !Double.isFinite(e.seconds()) || !Double.isFinite(e.upperSeconds())) {
            throw new IllegalStateException("the estimator returned no finite time");
        }
        return e;
    }

    /**
     * {lower, point, upper} seconds of {@code spec} on its hardware (as {@link #timing}, one node, the link from
     * the catalogue, no overlap); for the batch search.
     */
    double[] scaledSeconds(WorkloadSpec spec) {
        HardwareOffer offer = new HardwareOffer("batch-search", spec.requireHardware(), 0, "USD", "-", null, null,
                null, null);
        Timing t = timing(spec, offer, 0);
        return new double[] {t.lower(), t.point(), t.upper()};
    }

    /**
     * The largest batch size in {@code [1, maxBatch]} whose predicted peak memory fits one device of the spec's
     * hardware (binary search: memory grows with the batch). Empty when even a batch of 1 does not fit.
     *
     * @param spec     the workload; its hardware is required
     * @param maxBatch the largest batch size to consider, at least 1
     * @return the largest fitting batch size, or empty
     */
    public OptionalInt largestBatchThatFits(WorkloadSpec spec, int maxBatch) {
        Checks.atLeast("maxBatch", maxBatch, 1);
        HardwareSpec hw = spec.requireHardware();
        int lo = 0;
        int hi = maxBatch;
        memory.estimate(spec.withJob(spec.job().withBatchSize(1))); // a spec the estimator refuses fails here
        while (lo < hi) {
            int mid = (int) (lo + ((long) hi - lo + 1) / 2);
            if (fitsMemory(spec.withJob(spec.job().withBatchSize(mid)), hw)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? OptionalInt.empty() : OptionalInt.of(lo);
    }

    /** True when the spec's memory fits one device; a batch whose memory overflows a long does not fit. */
    private boolean fitsMemory(WorkloadSpec spec, HardwareSpec hw) {
        try {
            return memory.estimate(spec).fits(hw);
        } catch (MemoryEstimator.TooLargeException e) {
            return false;
        }
    }

    /**
     * Compares batch sizes for one epoch of training on {@code offer}: every power of two up to the largest
     * batch that fits memory (at most {@code maxBatch}), and that largest batch itself. Each candidate's epoch
     * ({@code ceil(datasetSize / batch)} steps) is estimated and costed at its upper bound, at the offer's hourly
     * rate (an epoch is part of a run, so the billing increment is not applied to it); the cheapest wins
     * (ties: the faster, then the smaller batch). A larger batch also changes convergence: this compares cost
     * per epoch only.
     *
     * @param workload the training workload; its hardware is replaced by the offer's
     * @param offer    the offer to run on
     * @param maxBatch the largest batch size to consider, at least 1
     * @return every candidate with its epoch time and cost, and the cheapest (null when none could be estimated)
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
                Timing timing = timing(candidate, offer, 0);
                double[] t = {timing.lower(), timing.point(), timing.upper()};
                option = new BatchSearch.Option(b, mem, t[1], t[2], offer.costAtHourlyRate(t[1]),
                        offer.costAtHourlyRate(t[2]), "");
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
