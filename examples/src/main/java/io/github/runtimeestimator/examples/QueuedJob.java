package io.github.runtimeestimator.examples;

import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.planner.Constraints;

/**
 * A job waiting in the scheduler's queue: what to run (no hardware: the planner tries each offer's) and what it
 * must meet.
 *
 * @param id          the job's name in the queue
 * @param description what it is, in words
 * @param workload    model, job and precision
 * @param constraints deadline and/or budget
 */
public record QueuedJob(String id, String description, WorkloadSpec workload, Constraints constraints) {
}
