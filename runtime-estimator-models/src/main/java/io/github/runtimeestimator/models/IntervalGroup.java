package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.Phase;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The intervals of one situation a spec can be in relative to the training data (a family it never saw, hardware
 * it never saw, a model it had to infer the descriptors of), per measured phase, calibrated on held-out residuals of
 * that same situation: the training rows are cut so that each fold hides what the situation hides (one family, one
 * device, or one model whose descriptors are then withheld and inferred), and the quantiles of the residuals of the
 * hidden rows become the interval, as in {@link PredictionIntervals}.
 *
 * <p>When {@link #perDistance} is true the residuals were divided by {@code 1 + d}, where {@code d} is how far the
 * held-out row's device lies from the nearest device of its fold's training rows
 * ({@link TrainingDomain#hardwareDistance}), and an estimate's bounds multiply them by its own {@code 1 + d}: the
 * farther a device is from those trained on, the wider its interval. Such a group's bounds are symmetric (the
 * quantile of the residuals' magnitudes on both sides): a device is mis-estimated in the direction of the side of the
 * training devices it lies on, and the held-out devices of calibration need not lie on the same side as a new one.
 *
 * @param calibration  how the residuals were held out ({@code leave-one-family-out, 7 folds}); empty when none were
 * @param perDistance  whether the quantiles are per unit of {@code 1 + d}
 * @param pooled       the interval over every held-out row
 * @param byPhase      intervals by measured phase id
 */
public record IntervalGroup(@JsonProperty("calibration") String calibration,
                            @JsonProperty("perDistance") boolean perDistance,
                            @JsonProperty("pooled") PhaseInterval pooled,
                            @JsonProperty("byPhase") Map<String, PhaseInterval> byPhase) {

    /**
     * Normalises missing parts: a null calibration is empty, a null pooled interval none, null phases none.
     *
     * @param calibration  how the residuals were held out ({@code leave-one-family-out, 7 folds}); empty when none were
     * @param perDistance  whether the quantiles are per unit of {@code 1 + d}
     * @param pooled       the interval over every held-out row
     * @param byPhase      intervals by measured phase id
     */
    public IntervalGroup {
        calibration = calibration == null ? "" : calibration;
        pooled = pooled == null ? PhaseInterval.none() : pooled;
        byPhase = byPhase == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(byPhase));
    }

    /**
     * No calibration: never used.
     *
     * @return the uncalibrated group
     */
    public static IntervalGroup none() {
        return new IntervalGroup("", false, PhaseInterval.none(), Map.of());
    }

    /**
     * Whether it holds calibrated intervals.
     *
     * @return true when its pooled interval was calibrated on at least one row
     */
    @JsonIgnore
    public boolean isCalibrated() {
        return pooled.rows() > 0;
    }

    /**
     * The interval for {@code phase}: epochs and jobs use {@code train_step}'s; the pooled one when a phase has none.
     *
     * @param phase the phase of the estimate
     * @return the interval to apply
     */
    public PhaseInterval forPhase(Phase phase) {
        Phase measured = phase == Phase.INFER ? Phase.INFER : Phase.TRAIN_STEP;
        PhaseInterval p = byPhase.get(measured.id());
        return p != null && p.rows() > 0 ? p : pooled;
    }
}
