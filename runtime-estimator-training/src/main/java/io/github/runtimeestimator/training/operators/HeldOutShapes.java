package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.models.operators.FamilyModel;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Scores the per-operator model on shapes it never saw, for data with a single device (our CPU kernel rows: one
 * processor, so leave-one-device-out has nothing to train on): K folds grouped by operator shape, so every
 * thread count and precision of a shape falls in the same fold; each fold is predicted by a model trained on the
 * other folds, and every row is scored once. The folds are assigned by a seeded shuffle of the distinct shapes.
 * The cells are per family, device (the hardware id, with {@code @Nt} for a CPU row's thread count) and precision,
 * with the same baselines as {@link LeaveOneGpuOut}; their {@code trainedOn} lists the devices of the training
 * folds.
 */
public final class HeldOutShapes {
    private final OperatorModelTrainer trainer;
    private final int folds;

    /**
     * An evaluation with {@code folds} folds of shapes.
     *
     * @param options how each fold's model is trained; its seed also shuffles the shapes into folds
     * @param folds   folds, at least 2 (a SpecValidationException otherwise)
     */
    public HeldOutShapes(OperatorTrainingOptions options, int folds) {
        this.trainer = new OperatorModelTrainer(Objects.requireNonNull(options, "options"));
        Checks.atLeast("folds", folds, 2);
        this.folds = folds;
    }

    /**
     * Every family with rows.
     *
     * @param measurements the kernel measurements; only ok rows are used
     * @return one cell per family, device and precision
     */
    public OperatorAccuracy evaluate(List<KernelMeasurement> measurements) {
        return evaluate(measurements, EnumSet.allOf(OperatorFamily.class));
    }

    /**
     * The given families; a family without ok rows is left out.
     *
     * @param measurements the kernel measurements; only ok rows are used
     * @param families     the families to score
     * @return one cell per family, device and precision
     */
    public OperatorAccuracy evaluate(List<KernelMeasurement> measurements, Set<OperatorFamily> families) {
        List<OperatorAccuracy.Cell> cells = new ArrayList<>();
        for (OperatorFamily family : families) {
            FamilyTable table = FamilyTable.of(family, measurements);
            if (table.size() == 0) {
                continue;
            }
            List<KernelMeasurement> rows = rowsOf(family, measurements);
            int[] fold = folds(rows);
            double[] predicted = new double[table.size()];
            double[] constant = new double[table.size()];
            List<String> trainedOn = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                int[] train = indices(fold, f, false);
                int[] test = indices(fold, f, true);
                if (train.length == 0 || test.length == 0) {
                    continue;
                }
                FamilyModel model = trainer.train(table, train);
                trainedOn = model.trainedOn();
                double logEfficiency = table.medianLogRatio(train);
                for (int i : test) {
                    double floor = model.floors().seconds(table.devices[i]);
                    predicted[i] = floor + table.baseSeconds[i] * Math.exp(model.logWorkOverBase(table.features[i]));
                    constant[i] = table.rooflineSeconds[i] * Math.exp(logEfficiency);
                }
            }
            Map<String, List<Integer>> byDevice = new LinkedHashMap<>();
            for (int i = 0; i < table.size(); i++) {
                if (predicted[i] > 0) {
                    byDevice.computeIfAbsent(table.deviceKeys[i], k -> new ArrayList<>()).add(i);
                }
            }
            for (List<Integer> device : byDevice.values()) {
                int n = device.size();
                double[] p = new double[n];
                double[] m = new double[n];
                double[] r = new double[n];
                double[] c = new double[n];
                for (int j = 0; j < n; j++) {
                    int i = device.get(j);
                    p[j] = predicted[i];
                    m[j] = table.seconds[i];
                    r[j] = table.rooflineSeconds[i];
                    c[j] = constant[i];
                }
                int first = device.get(0);
                Precision precision = table.devices[first].precision();
                String key = table.deviceKeys[first];
                String deviceName = key.substring(0, key.lastIndexOf('/')); // the id, @Nt for a CPU's threads
                cells.add(new OperatorAccuracy.Cell(family, deviceName, precision, trainedOn,
                        AccuracyScore.of(p, m), AccuracyScore.of(r, m), AccuracyScore.of(c, m)));
            }
        }
        return new OperatorAccuracy(cells);
    }

    /** The ok rows of the family, in the order {@link FamilyTable} keeps them. */
    private static List<KernelMeasurement> rowsOf(OperatorFamily family, List<KernelMeasurement> measurements) {
        List<KernelMeasurement> mine = new ArrayList<>();
        for (KernelMeasurement m : measurements) {
            if (m.isOk() && OperatorFamily.of(m.operator()).orElse(null) == family) {
                mine.add(m);
            }
        }
        return mine;
    }

    /** The fold of each row: distinct shapes, in first-seen order, shuffled with the seed and dealt round-robin. */
    private int[] folds(List<KernelMeasurement> rows) {
        Map<Operator, Integer> shapeIndex = new LinkedHashMap<>();
        for (KernelMeasurement m : rows) {
            shapeIndex.putIfAbsent(m.operator(), shapeIndex.size());
        }
        List<Operator> shapes = new ArrayList<>(shapeIndex.keySet());
        java.util.Collections.shuffle(shapes, new Random(trainer.options().seed()));
        Map<Operator, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < shapes.size(); i++) {
            foldOf.put(shapes.get(i), i % folds);
        }
        int[] fold = new int[rows.size()];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = foldOf.get(rows.get(i).operator());
        }
        return fold;
    }

    private static int[] indices(int[] fold, int f, boolean in) {
        int[] out = new int[fold.length];
        int n = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == in) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

}
