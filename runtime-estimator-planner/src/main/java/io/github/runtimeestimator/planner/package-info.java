/**
 * The least hardware, and the cost, that meets a deadline: {@link io.github.runtimeestimator.planner.ResourcePlanner}
 * ranks {@link io.github.runtimeestimator.planner.HardwareOffer}s for one job under
 * {@link io.github.runtimeestimator.planner.Constraints} into a {@link io.github.runtimeestimator.planner.Plan};
 * {@link io.github.runtimeestimator.planner.FleetPlanner} assigns a queue of jobs; memory fit is
 * {@link io.github.runtimeestimator.planner.MemoryEstimator}'s, billing {@link io.github.runtimeestimator.planner.Billing}'s.
 * Works with any {@code RuntimeEstimator}; {@code docs/planner.md}.
 */
package io.github.runtimeestimator.planner;
