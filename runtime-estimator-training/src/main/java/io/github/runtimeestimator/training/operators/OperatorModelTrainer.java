package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.operators.FamilyModel;
import io.github.runtimeestimator.models.operators.KernelDataSource;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.models.operators.OperatorModelProvenance;
import io.github.runtimeestimator.training.internal.TribuoCompiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Trains the per-operator model from kernel measurements: per family, XGBoost trees predicting
 * {@code ln(work / base)} from the family's features, where work is the measured time less the device's launch
 * floor, and the floors themselves ({@code docs/operator-model.md}). The trees are compiled into the pure-Java
 * {@link CompiledTreeEnsemble} the model predicts with; before a family's model is returned, the compiled trees
 * are checked to predict exactly what the XGBoost model predicts on up to {@value #CHECKED_ROWS} training rows.
 * Deterministic for a fixed seed.
 */
public final class OperatorModelTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorModelTrainer.class);
    static final String TARGET = "ln_work_over_base";
    /** The learner's name in an artifact's provenance. */
    public static final String TRAINER = "xgboost";
    /** Training rows on which the compiled trees are compared with the XGBoost model, bit for bit. */
    static final int CHECKED_ROWS = 200;

    private final OperatorTrainingOptions options;

    /**
     * A trainer with these hyper-parameters.
     *
     * @param options how the models are trained
     */
    public OperatorModelTrainer(OperatorTrainingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * How this trainer trains.
     *
     * @return the options it was made with
     */
    public OperatorTrainingOptions options() {
        return options;
    }

    /**
     * One model per family that has ok rows among {@code measurements}; no source named in its provenance.
     *
     * @param measurements the kernel measurements; only ok rows are used
     * @return the per-operator model
     * @throws IllegalArgumentException when no row is ok, or a family's rows are all floor
     */
    public OperatorModel train(List<KernelMeasurement> measurements) {
        return train(measurements, List.of());
    }

    /**
     * One model per family that has ok rows among {@code measurements}, which came from {@code sources} (their
     * provenance, stored with the model).
     *
     * @param measurements the kernel measurements; only ok rows are used
     * @param sources      where they came from, recorded in the model's provenance
     * @return the per-operator model
     * @throws IllegalArgumentException when no row is ok, or a family's rows are all floor
     */
    public OperatorModel train(List<KernelMeasurement> measurements, List<KernelDataSource> sources) {
        Map<OperatorFamily, FamilyModel> families = new EnumMap<>(OperatorFamily.class);
        long ok = measurements.stream().filter(KernelMeasurement::isOk).count();
        for (OperatorFamily family : OperatorFamily.values()) {
            FamilyTable table = FamilyTable.of(family, measurements);
            if (table.size() == 0) {
                continue;
            }
            int[] all = new int[table.size()];
            Arrays.setAll(all, i -> i);
            families.put(family, train(table, all));
        }
        if (families.isEmpty()) {
            throw new IllegalArgumentException("measurements: none of the " + measurements.size()
                    + " rows is an ok measurement of an operator family (" + Arrays.toString(OperatorFamily.values())
                    + ")");
        }
        return OperatorModel.of(families, new OperatorModelProvenance(TRAINER, options.hyperParameters(),
                options.seed(), ok, sources, rowsByDevice(measurements)));
    }

    /** Ok rows per device ({@code hardware-id/precision}) and family id, of the families a model has. */
    static Map<String, Map<String, Long>> rowsByDevice(List<KernelMeasurement> measurements) {
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        for (KernelMeasurement m : measurements) {
            if (!m.isOk()) {
                continue;
            }
            OperatorFamily family = OperatorFamily.of(m.operator()).orElse(null);
            if (family != null) {
                rows.computeIfAbsent(FamilyTable.deviceKey(m), k -> new TreeMap<>())
                        .merge(family.id(), 1L, Long::sum);
            }
        }
        return rows;
    }

    /** The model of one family from the table's rows {@code rows}. */
    FamilyModel train(FamilyTable table, int[] rows) {
        int[] sample = sample(table, rows);
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("kernel measurements, " + table.family.id(), new RegressionFactory()),
                new RegressionFactory());
        List<String> names = table.names;
        int used = 0;
        for (int i : sample) {
            if (Double.isNaN(table.target[i])) {
                continue;
            }
            data.add(example(names, table.features[i], table.target[i], options));
            used++;
        }
        if (used == 0) {
            throw new IllegalArgumentException("measurements: no " + table.family.id()
                    + " row has a time above its launch floor to learn an efficiency from");
        }
        XGBoostRegressionTrainer trainer = new XGBoostRegressionTrainer(XGBoostTrainer.BoosterType.GBTREE,
                XGBoostTrainer.TreeMethod.HIST, XGBoostRegressionTrainer.RegressionType.LINEAR, options.trees(),
                options.eta(), 0.0, options.maxDepth(), options.minChildWeight(), options.subsample(),
                options.featureSubsample(), 1.0, 0.0, options.threads(), XGBoostTrainer.LoggingVerbosity.SILENT,
                options.seed());
        long start = System.nanoTime();
        Model<Regressor> model = trainer.train(data);
        CompiledTreeEnsemble trees = TribuoCompiler.trees(model);
        LinkedHashSet<String> devices = new LinkedHashSet<>();
        for (int i : rows) {
            devices.add(table.deviceKeys[i]);
        }
        FamilyModel family = FamilyModel.of(table.family, trees, table.floors(rows), new ArrayList<>(devices), used);
        checkCompiled(family, model, data);
        LOG.debug("{}: {} rows of {} devices, trained in {} ms", table.family.id(), used, devices.size(),
                (System.nanoTime() - start) / 1_000_000);
        return family;
    }

    /** The compiled trees predict what the XGBoost model predicts on the first training rows, bit for bit. */
    private static void checkCompiled(FamilyModel family, Model<Regressor> model, MutableDataset<Regressor> data) {
        List<String> names = family.featureNames();
        int n = Math.min(CHECKED_ROWS, data.size());
        for (int r = 0; r < n; r++) {
            Example<Regressor> example = data.getExample(r);
            double[] values = new double[names.size()];
            Arrays.fill(values, Double.NaN);
            example.forEach(f -> values[names.indexOf(f.getName())] = f.getValue());
            double compiled = family.logWorkOverBase(values);
            double reference = model.predict(example).getOutput().getValues()[0];
            if (Double.doubleToLongBits(compiled) != Double.doubleToLongBits(reference)) {
                throw new IllegalStateException("the compiled " + family.family().id() + " trees predict " + compiled
                        + " on training row " + r + ", the XGBoost model " + reference + ": the compiler no longer"
                        + " reproduces its model");
            }
        }
    }

    /** At most {@code maxRowsPerDevice} rows of each device, a seeded sample; all when 0. */
    private int[] sample(FamilyTable table, int[] rows) {
        int cap = options.maxRowsPerDevice();
        if (cap == 0) {
            return rows;
        }
        Map<String, List<Integer>> byDevice = new LinkedHashMap<>();
        for (int i : rows) {
            byDevice.computeIfAbsent(table.deviceKeys[i], k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(options.seed());
        List<Integer> kept = new ArrayList<>();
        for (List<Integer> device : byDevice.values()) {
            if (device.size() > cap) {
                Collections.shuffle(device, random);
                kept.addAll(device.subList(0, cap));
            } else {
                kept.addAll(device);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static Example<Regressor> example(List<String> names, double[] values, double target,
                                              OperatorTrainingOptions options) {
        int known = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && options.uses(names.get(i))) {
                known++;
            }
        }
        String[] n = new String[known];
        double[] v = new double[known];
        int j = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && options.uses(names.get(i))) {
                n[j] = names.get(i);
                v[j++] = values[i];
            }
        }
        return new ArrayExample<>(new Regressor(TARGET, target), n, v);
    }
}
