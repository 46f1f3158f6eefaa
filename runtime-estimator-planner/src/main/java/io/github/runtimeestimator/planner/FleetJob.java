package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.time.Duration;

/**
 * One job of a queue: a workload that must finish within its deadline (and, if given, its budget).
 *
 * @param id       the job's name, unique within the queue
 * @param workload what runs (its hardware, if any, is replaced by each option's)
 * @param deadline the wall time it must finish within, > 0
 * @param budget   the most it may cost, >= 0, or null for none
 */
public record FleetJob(String id, WorkloadSpec workload, Duration deadline, Double budget) {
    /**
     * Validates the job: an id that is not blank, a workload and a deadline, and a budget that is finite and
     * &gt;= 0 when given; fails with a SpecValidationException naming the field.
     *
     * @param id       the job's name, unique within the queue
     * @param workload what runs
     * @param deadline the wall time it must finish within
     * @param budget   the most it may cost, &gt;= 0, or null for none
     */
    public FleetJob {
        Checks.requiredText("job.id", id);
        Checks.required("job.workload", workload);
        Checks.required("job.deadline", deadline);
        if (budget != null && (!Double.isFinite(budget) || budget < 0)) {
            throw new SpecValidationException("job.budget", budget, "must be a finite amount >= 0");
        }
    }

    /** This job's deadline and budget with the shared assumptions (overlap, checkpointing) of {@code base}. */
    Constraints constraints(Constraints base) {
        return new Constraints(deadline, budget, Objective.COST, base.communicationOverlap(), base.checkpointing(),
                false);
    }
}
