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
 * <p>Grouped calibration: a spec that lies farther from the training data than a new model of a known family on
 * known hardware takes the interval calibrated on held-out rows that lay as far ({@link IntervalGroup}): a family
 * the estimator never saw ({@link #unseenFamily}), hardware it never saw ({@link #unseenHardware}, widened with the
 * device's distance from the training devices), a model whose descriptors it had to infer ({@link #inferredModel},
 * combined with the others by taking the wider bound of each side). A group that was not calibrated (too few
 * families or devices, or an artifact trained before groups existed) is never used.
 *
 * @param nominalCoverage the coverage aimed at: the quantiles are at (1 - c) / 2 and (1 + c) / 2
 * @param pooled          the interval over all held-out rows
 * @param byPhase         intervals by phase id
 * @param unseenFamily    for a family not in the training data
 * @param unseenHardware  for hardware not in the training data, per unit of distance
 * @param inferredModel   for a model whose descriptors were inferred
 */
public record PredictionIntervals(@JsonProperty("nominalCoverage") double nominalCoverage,
                                  @JsonProperty("pooled") PhaseInterval pooled,
                                  @JsonProperty("byPhase") Map<String, PhaseInterval> byPhase,
                                  @JsonProperty("unseenFamily") IntervalGroup unseenFamily,
                                  @JsonProperty("unseenHardware") IntervalGroup unseenHardware,
                                  @JsonProperty("inferredModel") IntervalGroup inferredModel) {

    /** 80%: lower bound at the 10th percentile of held-out log residuals, upper at the 90th. */
    public static final double DEFAULT_COVERAGE = 0.8;

    /**
     * Normalises missing parts: a null interval or group is none, null phases none.
     *
     * @param nominalCoverage the coverage aimed at: the quantiles are at (1 - c) / 2 and (1 + c) / 2
     * @param pooled          the interval over all held-out rows
     * @param byPhase         intervals by phase id
     * @param unseenFamily    for a family not in the training data
     * @param unseenHardware  for hardware not in the training data, per unit of distance
     * @param inferredModel   for a model whose descriptors were inferred
     */
    public PredictionIntervals {
        if (pooled == null) {
            pooled = PhaseInterval.none();
        }
        byPhase = byPhase == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(byPhase));
        unseenFamily = unseenFamily == null ? IntervalGroup.none() : unseenFamily;
        unseenHardware = unseenHardware == null ? IntervalGroup.none() : unseenHardware;
        inferredModel = inferredModel == null ? IntervalGroup.none() : inferredModel;
    }

    /**
     * Intervals of held-out models only (no group calibrated).
     *
     * @param nominalCoverage the coverage aimed at
     * @param pooled          the interval over all held-out rows
     * @param byPhase         intervals by phase id
     */
    public PredictionIntervals(double nominalCoverage, PhaseInterval pooled, Map<String, PhaseInterval> byPhase) {
        this(nominalCoverage, pooled, byPhase, null, null, null);
    }

    /**
     * No intervals: zero width, coverage 0, no group calibrated.
     *
     * @return the empty intervals
     */
    public static PredictionIntervals none() {
        return new PredictionIntervals(0, PhaseInterval.none(), Map.of());
    }

    /**
     * The interval for {@code phase}: epochs and jobs use {@code train_step}'s; the pooled one when a phase has
     * none.
     *
     * @param phase the phase of the estimate
     * @return the interval to apply
     */
    public PhaseInterval forPhase(Phase phase) {
        Phase measured = phase == Phase.INFER ? Phase.INFER : Phase.TRAIN_STEP;
        PhaseInterval p = byPhase.get(measured.id());
        return p != null && p.rows() > 0 ? p : pooled;
    }

    /**
     * The coverage an estimate states: the held-out coverage of the interval it uses, 0 when none.
     *
     * @param phase the phase of the estimate
     * @return the coverage, a share in [0, 1]
     */
    @JsonIgnore
    public double coverageFor(Phase phase) {
        return forPhase(phase).coverage();
    }
}
