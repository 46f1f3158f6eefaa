package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.Phase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics over all predictions and per phase ({@code infer}, {@code train_step}, {@code train_epoch}): a 2 ms
 * inference batch and a 20 min epoch are different questions, and pooled seconds hide that.
 *
 * @param overall every prediction
 * @param phases  per phase that has predictions, in {@link Phase} order
 */
public record MetricsReport(Metrics overall, Map<Phase, Metrics> phases) {

    /**
     * Copies the per-phase metrics into an unmodifiable map in {@link Phase} order.
     *
     * @param overall every prediction
     * @param phases  per phase that has predictions
     */
    public MetricsReport {
        phases = Collections.unmodifiableMap(new EnumMap<>(phases.isEmpty() ? new EnumMap<>(Phase.class) : phases));
    }

    /**
     * The metrics of {@code predictions}, overall and grouped by phase.
     *
     * @param predictions the pooled predictions
     * @return the report; a phase without predictions is absent from {@link #phases()}
     */
    public static MetricsReport of(List<Prediction> predictions) {
        Map<Phase, List<Prediction>> byPhase = new EnumMap<>(Phase.class);
        for (Prediction p : predictions) {
            byPhase.computeIfAbsent(p.phase(), ph -> new ArrayList<>()).add(p);
        }
        Map<Phase, Metrics> phases = new EnumMap<>(Phase.class);
        byPhase.forEach((phase, list) -> phases.put(phase, Metrics.of(list)));
        return new MetricsReport(Metrics.of(predictions), phases);
    }

    /**
     * The metrics of {@code phase}, {@link Metrics#EMPTY} when it had no predictions.
     *
     * @param phase the phase
     * @return its metrics
     */
    public Metrics phase(Phase phase) {
        return phases.getOrDefault(phase, Metrics.EMPTY);
    }
}
