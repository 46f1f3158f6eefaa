package io.github.runtimeestimator.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.planner.Constraints;
import io.github.runtimeestimator.planner.Durations;
import io.github.runtimeestimator.planner.Objective;
import java.time.Duration;

/**
 * The body of {@code POST /v1/plan}: what {@code runtime-estimator plan} takes as options, as JSON. Read by
 * {@code SpecJson.readValue}, so {@code spec} is read exactly as a spec file is, and a rule broken here is reported
 * at its path ({@code $.budget}).
 *
 * @param spec            the workload: model, job, precision (its hardware, if any, is replaced by each offer's)
 * @param deadline        the job must finish within this: {@code 90s}, {@code 15m}, {@code 2h}, {@code 1h30m},
 *                        {@code 2d} or ISO-8601 {@code PT2H}; or null
 * @param deadlineSeconds the same in seconds, > 0; or null (not both)
 * @param budget          the most the job may cost, in the offers' currency, >= 0; or null. At least one of the
 *                        deadline and the budget is required.
 * @param rankBy          {@code cost} (default) or {@code energy}
 * @param offers          the offers to rank (the {@code offers} array of an offers file); null: the server's
 */
public record PlanRequest(
        @JsonProperty("spec") WorkloadSpec spec,
        @JsonProperty("deadline") String deadline,
        @JsonProperty("deadlineSeconds") Double deadlineSeconds,
        @JsonProperty("budget") Double budget,
        @JsonProperty("rankBy") String rankBy,
        @JsonProperty("offers") JsonNode offers) {

    /** Longest deadline in seconds a request may give (about 292 billion years, a {@code Duration}'s range). */
    static final double MAX_DEADLINE_SECONDS = 9.2e18;

    public PlanRequest {
        if (spec == null) {
            throw new SpecValidationException("spec", null, "is required: the workload to plan (model, job,"
                    + " precision), as in a spec file");
        }
        if (deadline != null && deadlineSeconds != null) {
            throw new SpecValidationException("deadlineSeconds", deadlineSeconds,
                    "give deadline or deadlineSeconds, not both");
        }
        if (deadline == null && deadlineSeconds == null && budget == null) {
            throw new SpecValidationException("deadline", null,
                    "at least one of deadline (e.g. \"2h\"), deadlineSeconds and budget is required");
        }
        if (deadline != null) {
            Durations.parse("deadline", deadline);
        }
        if (deadlineSeconds != null && !(deadlineSeconds > 0 && deadlineSeconds <= MAX_DEADLINE_SECONDS)) {
            throw new SpecValidationException("deadlineSeconds", deadlineSeconds, "must be > 0 and at most "
                    + MAX_DEADLINE_SECONDS);
        }
        if (rankBy != null) {
            Objective.fromId("rankBy", rankBy);
        }
        offers = offers == null || offers.isNull() ? null : offers;
        if (offers != null && !offers.isArray()) {
            throw new SpecValidationException("offers", offers.getNodeType().toString().toLowerCase(
                    java.util.Locale.ROOT), "must be an array of offers, as in an offers file's \"offers\"");
        }
        constraints(deadline, deadlineSeconds, budget, rankBy); // the budget's own rule
    }

    /** The deadline, budget and objective, validated by {@link Constraints}. */
    public Constraints constraints() {
        return constraints(deadline, deadlineSeconds, budget, rankBy);
    }

    private static Constraints constraints(String deadline, Double deadlineSeconds, Double budget, String rankBy) {
        Duration d = deadline != null ? Durations.parse("deadline", deadline)
                : deadlineSeconds != null ? seconds(deadlineSeconds) : null;
        return new Constraints(d, budget, rankBy == null ? Objective.COST : Objective.fromId("rankBy", rankBy));
    }

    private static Duration seconds(double s) {
        long whole = (long) Math.floor(s);
        return Duration.ofSeconds(whole, Math.round((s - whole) * 1e9));
    }
}
