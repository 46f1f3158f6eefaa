package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.planner.internal.AssignmentSolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Assigns a queue of jobs to owned device pools and rented offers so that every deadline is met at the least total
 * cost, or says which jobs cannot be met and why.
 *
 * <h2>How</h2>
 * <ol>
 *   <li>Each job is judged on every option as {@link ResourcePlanner} judges an offer (memory, data-parallel time,
 *       spot expectation, billing, physical floor, deadline, budget): every pool at 1, 2, 4, ... devices and a
 *       whole machine ({@link OwnedPool#options()}), and every rented offer as it is. Only options that fit
 *       are candidates.</li>
 *   <li>An integer program (ojAlgo, {@link AssignmentSolver}) picks at most one candidate per job so that no pool
 *       gives out more devices than it has: first as many jobs as possible, then, with that many, the least total
 *       upper-bound cost (ties: fewer device-hours).</li>
 *   <li>A job left out is reported with its reason: no option meets its deadline (with the nearest misses), or
 *       every option that does needs owned devices that the jobs assigned use.</li>
 * </ol>
 *
 * <h2>Limits</h2>
 * Every job starts now and holds its devices until it ends: a job is not queued behind another on the same devices
 * (time-sharing a pool over the deadline is not modelled), and a job does not span machines of a pool. Rented
 * offers are unlimited (a provider's capacity is not known). Costs are upper-bound costs; owned devices cost their
 * internal rate.
 */
public final class FleetPlanner {
    /** The tie-break per device-hour: far below any price, so it only orders options of equal cost. */
    static final double TIE_BREAK_PER_DEVICE_HOUR = 1e-6;

    private final ResourcePlanner planner;
    private final String estimator;

    /**
     * A fleet planner that judges each job on each option with {@code planner}.
     *
     * @param planner              judges a job on one option, not null
     * @param estimatorDescription the estimator's description, stated in each plan; null for ""
     */
    public FleetPlanner(ResourcePlanner planner, String estimatorDescription) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.estimator = estimatorDescription == null ? "" : estimatorDescription;
    }

    /**
     * Assigns {@code jobs} to {@code pools} and {@code rented} offers; {@code assumptions} gives the overlap and the
     * checkpointing (its deadline and budget are ignored: each job has its own).
     *
     * @param jobs        the queue, at least one job, ids unique
     * @param pools       the owned device pools, ids unique; may be empty when {@code rented} is not
     * @param rented      the offers that can be rented; may be empty when {@code pools} is not
     * @param assumptions the overlap and checkpointing every job is judged with
     * @return the jobs assigned and the jobs that cannot be met
     * @throws SpecValidationException when there are no jobs, no pool nor offer, repeated ids, or several currencies
     */
    public FleetPlan assign(List<FleetJob> jobs, List<OwnedPool> pools, List<HardwareOffer> rented,
                            Constraints assumptions) {
        Checks.required("jobs", jobs);
        Checks.required("pools", pools);
        Checks.required("offers", rented);
        Checks.required("assumptions", assumptions);
        if (jobs.isEmpty()) {
            throw new SpecValidationException("jobs", 0, "must list at least one job");
        }
        if (pools.isEmpty() && rented.isEmpty()) {
            throw new SpecValidationException("pool", 0, "a fleet needs at least one owned pool or rented offer");
        }
        unique("jobs[].id", jobs.stream().map(FleetJob::id).toList());
        unique("pool[].id", pools.stream().map(OwnedPool::id).toList());
        String currency = currency(pools, rented);

        List<AssignmentSolver.Option> options = new ArrayList<>();
        List<RankedOffer> judged = new ArrayList<>();
        List<List<RankedOffer>> perJob = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            FleetJob job = jobs.get(j);
            Constraints c = job.constraints(assumptions);
            List<RankedOffer> all = new ArrayList<>();
            for (int p = 0; p < pools.size(); p++) {
                for (HardwareOffer o : pools.get(p).options()) {
                    all.add(candidate(j, p, planner.judge(job.workload(), o, c), options, judged));
                }
            }
            for (HardwareOffer o : rented) {
                all.add(candidate(j, -1, planner.judge(job.workload(), o, c), options, judged));
            }
            all.sort(ResourcePlanner.RANKING);
            perJob.add(all);
        }
        int[] capacities = pools.stream().mapToInt(OwnedPool::count).toArray();
        AssignmentSolver.Solution solution = AssignmentSolver.solve(jobs.size(), options, capacities);

        List<FleetPlan.Assignment> assignments = new ArrayList<>();
        int[] used = new int[pools.size()];
        List<List<String>> usersOfPool = new ArrayList<>();
        pools.forEach(p -> usersOfPool.add(new ArrayList<>()));
        for (int j = 0; j < jobs.size(); j++) {
            int i = solution.chosen()[j];
            if (i >= 0) {
                AssignmentSolver.Option o = options.get(i);
                String poolId = o.pool() >= 0 ? pools.get(o.pool()).id() : null;
                assignments.add(new FleetPlan.Assignment(jobs.get(j), judged.get(i), poolId));
                if (o.pool() >= 0) {
                    used[o.pool()] += o.units();
                    usersOfPool.get(o.pool()).add(jobs.get(j).id() + " (" + o.units() + ")");
                }
            }
        }
        List<FleetPlan.Unmet> unmet = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            if (solution.chosen()[j] < 0) {
                unmet.add(new FleetPlan.Unmet(jobs.get(j), whyUnmet(j, perJob.get(j), options, judged, pools, used,
                        usersOfPool)));
            }
        }
        String solver = "ojAlgo " + AssignmentSolver.class.getSimpleName() + ": integer program, most jobs first,"
                + " then least total upper-bound cost";
        return new FleetPlan(assignments, unmet, currency, solution.optimal(), solver, estimator);
    }

    private static RankedOffer candidate(int job, int pool, RankedOffer r, List<AssignmentSolver.Option> options,
                                         List<RankedOffer> judged) {
        if (r.fits()) {
            double deviceHours = r.upperSeconds() / 3600 * r.offer().deviceCount();
            options.add(new AssignmentSolver.Option(job, pool, r.offer().deviceCount(), r.upperCost(),
                    TIE_BREAK_PER_DEVICE_HOUR * deviceHours));
            judged.add(r);
        }
        return r;
    }

    private static String whyUnmet(int job, List<RankedOffer> all, List<AssignmentSolver.Option> options,
                                   List<RankedOffer> judged, List<OwnedPool> pools, int[] used,
                                   List<List<String>> usersOfPool) {
        List<String> fitting = new ArrayList<>();
        TreeSet<Integer> poolsNeeded = new TreeSet<>();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).job() == job) {
                fitting.add(judged.get(i).offer().id());
                poolsNeeded.add(options.get(i).pool());
            }
        }
        if (fitting.isEmpty()) {
            StringBuilder b = new StringBuilder("no option meets it");
            List<RankedOffer> near = all.stream().filter(r -> !Double.isNaN(r.missRatio()))
                    .limit(ResourcePlanner.NEAREST_MISSES).toList();
            if (!near.isEmpty()) {
                b.append("; nearest misses: ");
                for (int k = 0; k < near.size(); k++) {
                    RankedOffer r = near.get(k);
                    b.append(k > 0 ? "; " : "").append(r.offer().id()).append(" (").append(r.verdict().id())
                            .append(": ").append(r.reason()).append(')');
                }
            } else if (!all.isEmpty()) {
                RankedOffer r = all.get(0);
                b.append(": ").append(r.offer().id()).append(" (").append(r.verdict().id()).append(": ")
                        .append(r.reason()).append(')');
            }
            return b.toString();
        }
        List<String> pools2 = new ArrayList<>();
        for (int p : poolsNeeded) {
            if (p >= 0) {
                pools2.add(String.format(Locale.ROOT, "%s has %d devices, %d taken by %s", pools.get(p).id(),
                        pools.get(p).count(), used[p], String.join(", ", usersOfPool.get(p))));
            }
        }
        return "the options that meet it (" + String.join(", ", fitting) + ") need owned devices the assigned jobs"
                + " use: " + String.join("; ", pools2);
    }

    private static void unique(String field, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new SpecValidationException(field, id, "appears more than once; ids must be unique");
            }
        }
    }

    private static String currency(List<OwnedPool> pools, List<HardwareOffer> rented) {
        TreeSet<String> currencies = new TreeSet<>();
        pools.forEach(p -> currencies.add(p.currency().trim().toUpperCase(Locale.ROOT)));
        rented.forEach(o -> currencies.add(o.currency()));
        if (currencies.size() > 1) {
            throw new SpecValidationException("currency", String.join(", ", currencies),
                    "every pool and offer of a fleet must share one currency for their costs to be compared");
        }
        return currencies.first();
    }
}
