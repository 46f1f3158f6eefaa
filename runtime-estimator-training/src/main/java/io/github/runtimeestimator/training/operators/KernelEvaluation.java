package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A per-operator model scored on kernel measurements: every ok row whose family the model has is predicted and
 * compared with its measured time, overall, per operator family and per device ({@code hardware-id/precision}).
 * What {@code runtime-estimator kernels evaluate} prints.
 *
 * @param overall     every scored row
 * @param byFamily    per family id, sorted
 * @param byDevice    per device, {@code hardware-id/precision}, sorted
 * @param unsupported rows of kinds the model has no family for, per operator kind id
 */
public record KernelEvaluation(AccuracyScore overall, Map<String, AccuracyScore> byFamily,
                               Map<String, AccuracyScore> byDevice, Map<String, Integer> unsupported) {

    /**
     * Copies the maps, sorted by key; {@code overall} is required.
     *
     * @param overall     every scored row
     * @param byFamily    per family id
     * @param byDevice    per device, {@code hardware-id/precision}
     * @param unsupported rows of kinds the model has no family for, per operator kind id
     */
    public KernelEvaluation {
        Objects.requireNonNull(overall, "overall");
        byFamily = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(byFamily)));
        byDevice = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(byDevice)));
        unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(unsupported)));
    }

    /**
     * Scores {@code model} on the ok rows of {@code measurements} (rows that are not ok are ignored).
     *
     * @param model        the per-operator model
     * @param measurements the kernel measurements
     * @return the scores, and the count of rows the model has no family for
     */
    public static KernelEvaluation score(OperatorModel model, List<KernelMeasurement> measurements) {
        Objects.requireNonNull(model, "model");
        Series all = new Series();
        Map<String, Series> families = new TreeMap<>();
        Map<String, Series> devices = new TreeMap<>();
        Map<String, Integer> unsupported = new TreeMap<>();
        for (KernelMeasurement m : measurements) {
            if (!m.isOk()) {
                continue;
            }
            if (!model.supports(m.operator())) {
                unsupported.merge(m.operator().kind().id(), 1, Integer::sum);
                continue;
            }
            double predicted = model.predict(m.operator(), m.hardware(), m.precision()).seconds();
            String family = OperatorFamily.of(m.operator()).orElseThrow().id();
            all.add(predicted, m.seconds());
            families.computeIfAbsent(family, k -> new Series()).add(predicted, m.seconds());
            devices.computeIfAbsent(FamilyTable.deviceKey(m), k -> new Series())
                    .add(predicted, m.seconds());
        }
        Map<String, AccuracyScore> byFamily = new TreeMap<>();
        families.forEach((k, v) -> byFamily.put(k, v.score()));
        Map<String, AccuracyScore> byDevice = new TreeMap<>();
        devices.forEach((k, v) -> byDevice.put(k, v.score()));
        return new KernelEvaluation(all.score(), byFamily, byDevice, unsupported);
    }

    /** Predicted and measured times of a group of rows. */
    private static final class Series {
        private final List<double[]> pairs = new ArrayList<>();

        void add(double predicted, double measured) {
            pairs.add(new double[] {predicted, measured});
        }

        AccuracyScore score() {
            double[] p = new double[pairs.size()];
            double[] m = new double[pairs.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = pairs.get(i)[0];
                m[i] = pairs.get(i)[1];
            }
            return AccuracyScore.of(p, m);
        }
    }
}
