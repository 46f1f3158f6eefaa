package io.github.runtimeestimator.planner.internal;

import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Assigns each job at most one of its options so that no pool gives out more devices than it has, as an integer
 * program solved by ojAlgo's {@link ExpressionsBasedModel} (branch and bound over its simplex LP), in two stages:
 * <ol>
 *   <li>maximise the jobs assigned: {@code max sum x[j,o]} subject to {@code sum_o x[j,o] <= 1} per job and
 *       {@code sum units[o] x[j,o] <= capacity[p]} per pool;</li>
 *   <li>with that many jobs assigned ({@code sum x >= N}), minimise the total cost, ties to fewer device-hours
 *       ({@code min sum (cost[o] + tieBreak[o]) x[j,o]}).</li>
 * </ol>
 * Each stage stops after {@value #TIME_LIMIT_MILLIS} ms; a solution that is feasible but not proven optimal by then
 * is reported as such.
 */
public final class AssignmentSolver {
    /** The most either stage may run. */
    public static final long TIME_LIMIT_MILLIS = 10_000;

    private AssignmentSolver() {
    }

    /**
     * One way to run one job.
     *
     * @param job      the job's index
     * @param pool     the index of the pool it takes devices from, or -1 (rented: unlimited)
     * @param units    devices it takes from the pool
     * @param cost     what it costs (minimised)
     * @param tieBreak a small amount added to the cost to break ties (fewer device-hours)
     */
    public record Option(int job, int pool, int units, double cost, double tieBreak) {
    }

    /**
     * The assignment.
     *
     * @param chosen  per job, the index into the options of the chosen one, -1 when it is left out
     * @param optimal whether the solver proved both stages optimal
     */
    public record Solution(int[] chosen, boolean optimal) {
    }

    /** Solves the program above for {@code jobs} jobs, their {@code options} and the pools' capacities. */
    public static Solution solve(int jobs, List<Option> options, int[] capacities) {
        int[] none = new int[jobs];
        java.util.Arrays.fill(none, -1);
        if (options.isEmpty()) {
            return new Solution(none, true);
        }
        ExpressionsBasedModel model = model(jobs, options, capacities);
        List<Variable> x = model.getVariables();
        x.forEach(v -> v.weight(1));
        Optimisation.Result most = model.maximise();
        if (!most.getState().isFeasible()) {
            return new Solution(none, false);
        }
        long assigned = Math.round(most.getValue());
        ExpressionsBasedModel cheapest = model(jobs, options, capacities);
        List<Variable> y = cheapest.getVariables();
        Expression count = cheapest.addExpression("assigned").lower(assigned);
        for (int i = 0; i < y.size(); i++) {
            count.set(y.get(i), 1);
            y.get(i).weight(options.get(i).cost() + options.get(i).tieBreak());
        }
        Optimisation.Result best = cheapest.minimise();
        Optimisation.Result used = best.getState().isFeasible() ? best : most;
        int[] chosen = none.clone();
        for (int i = 0; i < options.size(); i++) {
            if (used.doubleValue(i) > 0.5) {
                chosen[options.get(i).job()] = i;
            }
        }
        return new Solution(chosen, most.getState().isOptimal() && best.getState().isOptimal());
    }

    private static ExpressionsBasedModel model(int jobs, List<Option> options, int[] capacities) {
        Optimisation.Options settings = new Optimisation.Options();
        settings.time_abort = TIME_LIMIT_MILLIS;
        ExpressionsBasedModel model = new ExpressionsBasedModel(settings);
        List<Variable> x = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            x.add(model.addVariable("x" + i).binary());
        }
        for (int j = 0; j < jobs; j++) {
            Expression once = model.addExpression("job" + j).upper(1);
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i).job() == j) {
                    once.set(x.get(i), 1);
                }
            }
        }
        for (int p = 0; p < capacities.length; p++) {
            Expression pool = model.addExpression("pool" + p).upper(capacities[p]);
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i).pool() == p) {
                    pool.set(x.get(i), options.get(i).units());
                }
            }
        }
        return model;
    }
}
