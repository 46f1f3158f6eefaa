package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.planner.internal.FleetFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A queue of jobs assigned to owned pools and rented offers: every job whose deadline can be met, at the least
 * total upper-bound cost, and the jobs that cannot be, with why.
 *
 * @param assignments every job that runs, in queue order, with the option chosen (its offer id
 *                    {@code <pool>/<devices>} for an owned pool)
 * @param unmet       every job that cannot meet its deadline (or budget) with the devices left, in queue order
 * @param currency    the currency of every cost
 * @param optimal     whether the solver proved the assignment optimal (else: the best found in its time limit)
 * @param solver      how it was solved
 * @param estimator   the estimator's description
 */
public record FleetPlan(List<Assignment> assignments, List<Unmet> unmet, String currency, boolean optimal,
                        String solver, String estimator) {

    /**
     * Copies {@code assignments} and {@code unmet} (neither null) into unmodifiable lists.
     *
     * @param assignments every job that runs, in queue order
     * @param unmet       every job that cannot be met, in queue order
     * @param currency    the currency of every cost
     * @param optimal     whether the solver proved the assignment optimal
     * @param solver      how it was solved
     * @param estimator   the estimator's description
     */
    public FleetPlan {
        assignments = List.copyOf(assignments);
        unmet = List.copyOf(unmet);
    }

    /**
     * A job and the option it runs on.
     *
     * @param job    the job
     * @param option the option chosen, as {@link ResourcePlanner} judged it for the job
     * @param poolId the owned pool it runs on, or null when it runs on a rented offer
     */
    public record Assignment(FleetJob job, RankedOffer option, String poolId) {
        /**
         * Whether it runs on owned devices.
         *
         * @return true when {@code poolId} is not null
         */
        public boolean owned() {
            return poolId != null;
        }
    }

    /**
     * A job that cannot be met, and why.
     *
     * @param job    the job
     * @param reason why: no option meets its deadline (with the nearest misses), or the options that do need owned
     *               devices the assigned jobs use
     */
    public record Unmet(FleetJob job, String reason) {
    }

    /**
     * Whether every job of the queue is assigned.
     *
     * @return true when no job is unmet
     */
    public boolean everyDeadlineMet() {
        return unmet.isEmpty();
    }

    /**
     * The sum of the assigned jobs' upper-bound costs.
     *
     * @return the total, in {@link #currency()}
     */
    public double totalUpperCost() {
        return assignments.stream().mapToDouble(a -> a.option().upperCost()).sum();
    }

    /**
     * The fleet plan for people, as {@code plan --fleet --format markdown} prints it.
     *
     * @return the plan as Markdown
     */
    public String toMarkdown() {
        return FleetFormatter.markdown(this);
    }

    /**
     * The fleet plan as JSON ({@code formatVersion} 1, camelCase keys), as {@code plan --fleet} prints it.
     *
     * @return the plan as JSON text
     */
    public String toJson() {
        return FleetFormatter.json(this);
    }

    /**
     * One line: how many jobs run, at what total, and which cannot.
     *
     * @return the summary, noting when the assignment is not proven optimal
     */
    public String summary() {
        String s = String.format(Locale.ROOT, "%d of %d jobs meet their deadlines, at most %.2f %s in all",
                assignments.size(), assignments.size() + unmet.size(), totalUpperCost(), currency);
        if (!unmet.isEmpty()) {
            s += "; cannot be met: " + String.join(", ", unmet.stream().map(u -> u.job().id()).toList());
        }
        return s + (optimal ? "" : " (best found within the solver's time limit, not proven optimal)");
    }
}
