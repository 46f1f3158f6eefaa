package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.SpecValidationException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a plan must meet: a deadline, a budget, both or neither (then the cheapest offer that fits memory wins),
 * and what it minimises among the offers that meet them.
 *
 * @param deadline  the wall time the job must finish within, > 0, or null for none
 * @param budget    the most the job may cost, in the offers' currency, >= 0, or null for none
 * @param objective what ranks the fitting offers: {@link Objective#COST} (default) or {@link Objective#ENERGY}
 */
public record Constraints(Duration deadline, Double budget, Objective objective) {

    /** Deadline and budget, ranking by cost. */
    public Constraints(Duration deadline, Double budget) {
        this(deadline, budget, Objective.COST);
    }

    public Constraints {
        objective = objective == null ? Objective.COST : objective;
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
        return new Constraints(deadline, budget, objective);
    }

    public Optional<Duration> deadlineIfGiven() {
        return Optional.ofNullable(deadline);
    }

    public OptionalDouble budgetIfGiven() {
        return budget == null ? OptionalDouble.empty() : OptionalDouble.of(budget);
    }

    /** The deadline in seconds, or +infinity when none. */
    public double deadlineSeconds() {
        return deadline == null ? Double.POSITIVE_INFINITY : deadline.toMillis() / 1000.0;
    }
}
