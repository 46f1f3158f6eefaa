package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.SpecValidationException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a plan must meet: a deadline, a budget, both or neither (then the cheapest offer that fits memory wins),
 * what it minimises among the offers that meet them, and the assumptions a plan rests on where no data can say:
 * how much of the gradient all-reduce hides behind compute, and how a job on a spot offer checkpoints.
 *
 * @param deadline              the wall time the job must finish within, > 0, or null for none
 * @param budget                the most the job may cost, in the offers' currency, >= 0, or null for none
 * @param objective             what ranks the fitting offers: {@link Objective#COST} (default) or
 *                              {@link Objective#ENERGY}
 * @param communicationOverlap  the share of the gradient all-reduce that runs while the device computes, in
 *                              [0, 1]: 0 (the default: nothing hidden, the safe side) adds the whole all-reduce to
 *                              each step; 1 hides all of it that fits within the step's compute (PyTorch DDP
 *                              overlaps bucketed all-reduces with the backward pass, so its real share lies between)
 * @param checkpointing         how jobs on spot offers checkpoint and restart ({@link Checkpointing#defaults()})
 * @param preferMeasured        when true, fitting offers whose estimates lie within the estimator's training data
 *                              rank before those whose estimates extrapolate, whatever their cost
 */
public record Constraints(Duration deadline, Double budget, Objective objective, double communicationOverlap,
                          Checkpointing checkpointing, boolean preferMeasured) {

    /**
     * Deadline and budget, ranking by cost, with the default assumptions.
     *
     * @param deadline the wall time the job must finish within, &gt; 0, or null for none
     * @param budget   the most the job may cost, in the offers' currency, &gt;= 0, or null for none
     */
    public Constraints(Duration deadline, Double budget) {
        this(deadline, budget, Objective.COST);
    }

    /**
     * Deadline, budget and objective, with the default assumptions.
     *
     * @param deadline  the wall time the job must finish within, &gt; 0, or null for none
     * @param budget    the most the job may cost, in the offers' currency, &gt;= 0, or null for none
     * @param objective what ranks the fitting offers; null for {@link Objective#COST}
     */
    public Constraints(Duration deadline, Double budget, Objective objective) {
        this(deadline, budget, objective, 0, null, false);
    }

    /**
     * Validates the deadline (&gt; 0), the budget (finite, &gt;= 0) and the overlap (within [0, 1]); fails with a
     * SpecValidationException naming the field. A null objective becomes {@link Objective#COST}, a null
     * checkpointing {@link Checkpointing#defaults()}.
     *
     * @param deadline             the wall time the job must finish within, &gt; 0, or null for none
     * @param budget               the most the job may cost, in the offers' currency, &gt;= 0, or null for none
     * @param objective            what ranks the fitting offers; null for {@link Objective#COST}
     * @param communicationOverlap the share of the all-reduce hidden behind compute, in [0, 1]
     * @param checkpointing        how spot jobs checkpoint and restart; null for {@link Checkpointing#defaults()}
     * @param preferMeasured       whether offers whose estimates lie within the estimator's training data rank first
     */
    public Constraints {
        objective = objective == null ? Objective.COST : objective;
        checkpointing = checkpointing == null ? Checkpointing.defaults() : checkpointing;
        if (!(communicationOverlap >= 0 && communicationOverlap <= 1)) {
            throw new SpecValidationException("communicationOverlap", communicationOverlap, "must be within [0, 1]");
        }
        if (deadline != null && (deadline.isZero() || deadline.isNegative())) {
            throw new SpecValidationException("deadline", Durations.format(deadline), "must be > 0");
        }
        if (budget != null && (!Double.isFinite(budget) || budget < 0)) {
            throw new SpecValidationException("budget", budget, "must be a finite amount >= 0");
        }
    }

    /**
     * No deadline and no budget: the cheapest offer that fits memory wins.
     *
     * @return constraints with neither, ranking by cost
     */
    public static Constraints none() {
        return new Constraints(null, null);
    }

    /**
     * A deadline and no budget, ranking by cost.
     *
     * @param deadline the wall time the job must finish within, &gt; 0, not null
     * @return the constraints
     */
    public static Constraints deadline(Duration deadline) {
        return new Constraints(java.util.Objects.requireNonNull(deadline, "deadline"), null);
    }

    /**
     * A budget and no deadline, ranking by cost.
     *
     * @param budget the most the job may cost, in the offers' currency, &gt;= 0
     * @return the constraints
     */
    public static Constraints budget(double budget) {
        return new Constraints(null, budget);
    }

    /**
     * A deadline and a budget, ranking by cost.
     *
     * @param deadline the wall time the job must finish within, &gt; 0, not null
     * @param budget   the most the job may cost, in the offers' currency, &gt;= 0
     * @return the constraints
     */
    public static Constraints of(Duration deadline, double budget) {
        return new Constraints(java.util.Objects.requireNonNull(deadline, "deadline"), budget);
    }

    /**
     * These constraints, ranking the fitting offers by {@code objective}.
     *
     * @param objective what ranks the fitting offers; null for {@link Objective#COST}
     * @return a copy with that objective
     */
    public Constraints rankedBy(Objective objective) {
        return new Constraints(deadline, budget, objective, communicationOverlap, checkpointing, preferMeasured);
    }

    /**
     * These constraints with {@code overlap} of the all-reduce hidden behind compute.
     *
     * @param overlap the share of the all-reduce that runs while the device computes, in [0, 1]
     * @return a copy with that overlap
     */
    public Constraints withCommunicationOverlap(double overlap) {
        return new Constraints(deadline, budget, objective, overlap, checkpointing, preferMeasured);
    }

    /**
     * These constraints with another checkpointing of spot jobs.
     *
     * @param newCheckpointing how spot jobs checkpoint and restart; null for {@link Checkpointing#defaults()}
     * @return a copy with that checkpointing
     */
    public Constraints withCheckpointing(Checkpointing newCheckpointing) {
        return new Constraints(deadline, budget, objective, communicationOverlap, newCheckpointing, preferMeasured);
    }

    /**
     * These constraints, ranking measured (not extrapolated) fitting offers first when {@code prefer}.
     *
     * @param prefer whether offers whose estimates lie within the estimator's training data rank first
     * @return a copy with that preference
     */
    public Constraints preferringMeasured(boolean prefer) {
        return new Constraints(deadline, budget, objective, communicationOverlap, checkpointing, prefer);
    }

    /**
     * The deadline, when one is given.
     *
     * @return the deadline, or empty when none
     */
    public Optional<Duration> deadlineIfGiven() {
        return Optional.ofNullable(deadline);
    }

    /**
     * The budget, in the offers' currency, when one is given.
     *
     * @return the budget, or empty when none
     */
    public OptionalDouble budgetIfGiven() {
        return budget == null ? OptionalDouble.empty() : OptionalDouble.of(budget);
    }

    /**
     * The deadline in seconds, or +infinity when none; exact to the nanosecond for any duration (no overflow).
     *
     * @return the deadline, in seconds
     */
    public double deadlineSeconds() {
        return deadline == null ? Double.POSITIVE_INFINITY : Durations.toSeconds(deadline);
    }
}
