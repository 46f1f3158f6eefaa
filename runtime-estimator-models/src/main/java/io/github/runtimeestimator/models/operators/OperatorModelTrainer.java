package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.KernelMeasurement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
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
 * {@code ln(work / base)} from the family's features ({@link OperatorFeatures}), where work is the measured time
 * less the device's launch floor ({@link LaunchFloors}), and the floors themselves.
 */
public final class OperatorModelTrainer {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(OperatorModelTrainer.class);
    static final String TARGET = "ln_work_over_base";
    // JUL keeps loggers weakly: hold them, or a GC resets the level
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    static {
        TRIBUO.setLevel(Level.WARNING);
    }

    private final OperatorTrainingOptions options;

    public OperatorModelTrainer(OperatorTrainingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public OperatorTrainingOptions options() {
        return options;
    }

    /** One model per family that has ok rows among {@code measurements}. */
    public OperatorModel train(List<KernelMeasurement> measurements) {
        Map<OperatorFamily, FamilyModel> families = new EnumMap<>(OperatorFamily.class);
        for (OperatorFamily family : OperatorFamily.values()) {
            FamilyTable table = FamilyTable.of(family, measurements);
            if (table.size() == 0) {
                continue;
            }
            int[] all = new int[table.size()];
            Arrays.setAll(all, i -> i);
            families.put(family, train(table, all));
        }
        return new OperatorModel(families, options);
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
        LinkedHashSet<String> devices = new LinkedHashSet<>();
        for (int i : rows) {
            devices.add(table.deviceKeys[i]);
        }
        LOG.debug("{}: {} rows of {} devices, trained in {} ms", table.family.id(), used, devices.size(),
                (System.nanoTime() - start) / 1_000_000);
        return new FamilyModel(table.family, model, table.floors(rows), new ArrayList<>(devices), used);
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
                java.util.Collections.shuffle(device, random);
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
