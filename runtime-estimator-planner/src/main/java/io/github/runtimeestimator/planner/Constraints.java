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

    /** Deadline and budget, ranking by cost. */
    public Constraints(Duration deadline, Double budget) {
        this(deadline, budget, Objective.COST);
    }

    /** Deadline, budget and objective, with the default assumptions. */
    public Constraints(Duration deadline, Double budget, Objective objective) {
        this(deadline, budget, objective, 0, null, false);
    }

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

    public static Constraints none() {
        return new Constraints(null, null);
    }

    public static Constraints deadline(Duration deadline) {
        return new Constraints(java.util.Objects.requireNonNull(deadline, "deadline"), null);
    }

    public static Constraints budget(double budget) {
        return new Constraints(null, budget);
    }

    public static Constraints of(Duration deadline, double budget) {
        return new Constraints(java.util.Objects.requireNonNull(deadline, "deadline"), budget);
    }

    /** These constraints, ranking the fitting offers by {@code objective}. */
    public Constraints rankedBy(Objective objective) {
        return new Constraints(deadline, budget, objective, communicationOverlap, checkpointing, preferMeasured);
    }

    /** These constraints with {@code overlap} of the all-reduce hidden behind compute. */
    public Constraints withCommunicationOverlap(double overlap) {
        return new Constraints(deadline, budget, objective, overlap, checkpointing, preferMeasured);
    }

    /** These constraints with another checkpointing of spot jobs. */
    public Constraints withCheckpointing(Checkpointing newCheckpointing) {
        return new Constraints(deadline, budget, objective, communicationOverlap, newCheckpointing, preferMeasured);
    }

    /** These constraints, ranking measured (not extrapolated) fitting offers first when {@code prefer}. */
    public Constraints preferringMeasured(boolean prefer) {
        return new Constraints(deadline, budget, objective, communicationOverlap, checkpointing, prefer);
    }

    public Optional<Duration> deadlineIfGiven() {
        return Optional.ofNullable(deadline);
    }

    public OptionalDouble budgetIfGiven() {
        return budget == null ? OptionalDouble.empty() : OptionalDouble.of(budget);
    }

    /** The deadline in seconds, or +infinity when none; exact to the nanosecond for any duration (no overflow). */
    public double deadlineSeconds() {
        return deadline == null ? Double.POSITIVE_INFINITY : Durations.toSeconds(deadline);
    }
}
