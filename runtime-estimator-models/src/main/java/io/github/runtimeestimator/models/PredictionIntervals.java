package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.Phase;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The intervals an estimator states, per measured phase ({@code infer}, {@code train_step}), from the residuals
 * of its internal K-fold (grouped by model) during training. Epochs and jobs take the interval of
 * {@code train_step}; a phase without held-out rows takes the pooled one.
 *
 * @param nominalCoverage the coverage aimed at: the quantiles are at (1 - c) / 2 and (1 + c) / 2
 * @param pooled          the interval over all held-out rows
 * @param byPhase         intervals by phase id
 */
public record PredictionIntervals(@JsonProperty("nominalCoverage") double nominalCoverage,
                                  @JsonProperty("pooled") PhaseInterval pooled,
                                  @JsonProperty("byPhase") Map<String, PhaseInterval> byPhase) {

    /** 80%: lower bound at the 10th percentile of held-out log residuals, upper at the 90th. */
    public static final double DEFAULT_COVERAGE = 0.8;

    public PredictionIntervals {
        if (pooled == null) {
            pooled = PhaseInterval.none();
        }
        byPhase = byPhase == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(byPhase));
    }

    public static PredictionIntervals none() {
        return new PredictionIntervals(0, PhaseInterval.none(), Map.of());
    }

    /** The interval for {@code phase}: epochs and jobs use {@code train_step}'s. */
    public PhaseInterval forPhase(Phase phase) {
        Phase measured = phase == Phase.INFER ? Phase.INFER : Phase.TRAIN_STEP;
        PhaseInterval p = byPhase.get(measured.id());
        return p != null && p.rows() > 0 ? p : pooled;
    }

    /** The coverage an estimate states: the held-out coverage of the interval it uses, 0 when none. */
    @JsonIgnore
    public double coverageFor(Phase phase) {
        return forPhase(phase).coverage();
    }
}
