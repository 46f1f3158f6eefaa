package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Permutation feature importance at the level of the workload spec: for each fold of an evaluation, shuffle
 * one {@link SpecField} across that fold's held-out rows (within each phase, so every shuffled spec stays a
 * valid job), predict again with the fold's own estimator, and report how much the median APE and the mean
 * absolute log-time error grow. No refitting: the estimators of the evaluation are reused.
 */
public final class PermutationImportance {
    /** Shuffles per field unless set otherwise: 3. */
    public static final int DEFAULT_REPEATS = 3;

    private PermutationImportance() {
    }

    /**
     * Importance of every {@link SpecField}, most important (largest log-time increase) first.
     *
     * @param evaluation the evaluation whose folds' estimators and held-out rows are reused
     * @param repeats    shuffles per field, at least 1; the increases are averaged over them
     * @param seed       seeds the shuffles
     * @return one importance per field, most important first
     */
    public static List<Importance> compute(EvaluationResult evaluation, int repeats, long seed) {
        return compute(evaluation, List.of(SpecField.values()), repeats, seed);
    }

    /**
     * Importance of the given fields, most important (largest log-time increase) first.
     *
     * @param evaluation the evaluation whose folds' estimators and held-out rows are reused
     * @param fields     the fields to shuffle, one at a time
     * @param repeats    shuffles per field, at least 1; the increases are averaged over them
     * @param seed       seeds the shuffles
     * @return one importance per field, most important first
     */
    public static List<Importance> compute(EvaluationResult evaluation, List<SpecField> fields, int repeats,
                                           long seed) {
        Checks.required("evaluation", evaluation);
        Checks.atLeast("repeats", repeats, 1);
        List<Prediction> baseline = evaluation.predictions();
        double[] measured = new double[baseline.size()];
        double[] base = new double[baseline.size()];
        for (int i = 0; i < measured.length; i++) {
            measured[i] = baseline.get(i).measuredSeconds();
            base[i] = baseline.get(i).predictedSeconds();
        }
        double baseApe = Metrics.medianApe(measured, base);
        double baseLog = Metrics.maeLogTime(measured, base);
        double baseSeconds = maeSeconds(measured, base);
        List<Importance> out = new ArrayList<>(fields.size());
        for (SpecField field : fields) {
            double apeSum = 0;
            double logSum = 0;
            double secondsSum = 0;
            int refused = 0;
            for (int r = 0; r < repeats; r++) {
                double[] permuted = new double[measured.length];
                int offset = 0;
                int foldIndex = 0;
                for (FoldResult fold : evaluation.folds()) {
                    Random random = new Random(seed + 1_000_003L * r + 7919L * foldIndex + field.ordinal());
                    refused += permuteFold(fold, field, random, permuted, offset);
                    offset += fold.predictions().size();
                    foldIndex++;
                }
                apeSum += Metrics.medianApe(measured, permuted);
                logSum += Metrics.maeLogTime(measured, permuted);
                secondsSum += maeSeconds(measured, permuted);
            }
            out.add(new Importance(field, measured.length, baseApe, apeSum / repeats - baseApe, baseLog,
                    logSum / repeats - baseLog, refused, baseSeconds, secondsSum / repeats - baseSeconds));
        }
        out.sort(Comparator.comparingDouble(Importance::maeLogTimeIncrease).reversed());
        return out;
    }

    private static double maeSeconds(double[] measured, double[] predicted) {
        double sum = 0;
        for (int i = 0; i < measured.length; i++) {
            sum += Math.abs(predicted[i] - measured[i]);
        }
        return measured.length == 0 ? Double.NaN : sum / measured.length;
    }

    /** Fills {@code out[offset ..]} with the fold's predictions after shuffling {@code field}; returns refusals. */
    private static int permuteFold(FoldResult fold, SpecField field, Random random, double[] out, int offset) {
        List<Prediction> preds = fold.predictions();
        Map<Phase, List<Integer>> strata = new EnumMap<>(Phase.class);
        for (int i = 0; i < preds.size(); i++) {
            strata.computeIfAbsent(preds.get(i).phase(), p -> new ArrayList<>()).add(i);
        }
        int refused = 0;
        for (List<Integer> rows : strata.values()) {
            List<Integer> donors = new ArrayList<>(rows);
            Collections.shuffle(donors, random);
            for (int k = 0; k < rows.size(); k++) {
                int row = rows.get(k);
                Prediction p = preds.get(row);
                WorkloadSpec own = p.measurement().workload();
                WorkloadSpec donor = preds.get(donors.get(k)).measurement().workload();
                try {
                    out[offset + row] = fold.estimator().predict(field.take(own, donor)).seconds();
                } catch (IllegalArgumentException e) {
                    out[offset + row] = p.predictedSeconds();
                    refused++;
                }
            }
        }
        return refused;
    }
}
