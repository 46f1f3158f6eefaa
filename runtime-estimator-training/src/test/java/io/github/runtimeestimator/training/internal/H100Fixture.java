package io.github.runtimeestimator.training.internal;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.MeasurementReadResult;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The shared H100 measurements as a realistic regression problem: 15 numeric features per ok row (several
 * of them often exactly 0, which matters for XGBoost) and the target ln(time_s), read with the core's
 * {@link MeasurementCsv}.
 */
final class H100Fixture {
    static final String[] FEATURES = {
        "batch_size", "log10_batch_size", "params", "log10_params", "flops_per_sample",
        "log10_flops_per_sample", "log10_step_flops", "is_training", "is_epoch", "precision_bytes",
        "steps", "log10_steps", "optimizer_adam", "family_transformer", "family_cnn"
    };

    /** Rows in CSV order (ok rows only), features in {@link #FEATURES} order. */
    final double[][] rows;
    final double[] targets;

    private static H100Fixture instance;
    // Held strongly: java.util.logging keeps loggers weakly and would forget the level.
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    private H100Fixture(double[][] rows, double[] targets) {
        this.rows = rows;
        this.targets = targets;
    }

    static synchronized H100Fixture get() {
        if (instance == null) {
            TRIBUO_LOGGER.setLevel(Level.WARNING);
            instance = load(RepositoryFiles.dataset("h100-sxm-pytorch.csv"));
        }
        return instance;
    }

    private static H100Fixture load(Path csv) {
        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        MeasurementReadResult read;
        try {
            read = MeasurementCsv.read(csv, HardwareCatalog.builtIn(), ReadMode.LENIENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!read.rejections().isEmpty()) {
            throw new IllegalStateException(csv + " has rejected rows: " + read.rejections());
        }
        for (Measurement m : read.measurements()) {
            if (m.isOk()) {
                rows.add(features(m));
                targets.add(Math.log(m.seconds()));
            }
        }
        double[] t = new double[targets.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = targets.get(i);
        }
        return new H100Fixture(rows.toArray(new double[0][]), t);
    }

    /** The 15 {@link #FEATURES} of one measurement row. */
    static double[] features(Measurement m) {
        JobSpec job = m.workload().job();
        ModelSpec model = m.workload().model();
        double batch = job.batchSize();
        double params = model.parameters();
        double flops = model.flopsPerSample();
        double training = job.phase() == Phase.INFER ? 0 : 1;
        double steps = m.steps();
        String family = model.family();
        return new double[] {
            batch, Math.log10(batch), params, Math.log10(params), flops, Math.log10(flops),
            Math.log10(flops * batch * (training == 1 ? 3 : 1)), training, job.phase() == Phase.TRAIN_EPOCH ? 1 : 0,
            m.workload().precision() == Precision.FP32 ? 4 : 2, steps, Math.log10(steps),
            job.optimizer() == Optimizer.ADAM || job.optimizer() == Optimizer.ADAMW ? 1 : 0,
            "transformer".equals(family) ? 1 : 0, "cnn".equals(family) ? 1 : 0
        };
    }

    static Example<Regressor> example(double[] values, double target) {
        return new ArrayExample<>(new Regressor("ln_time_s", target), FEATURES, values);
    }

    /** An Example holding only the features whose keep flag is true. */
    static Example<Regressor> partialExample(double[] values, boolean[] keep) {
        return partialExample(values, keep, Double.NaN);
    }

    /** An Example holding only the features whose keep flag is true, with the given target. */
    static Example<Regressor> partialExample(double[] values, boolean[] keep, double target) {
        ArrayExample<Regressor> example = new ArrayExample<>(new Regressor("ln_time_s", target));
        for (int i = 0; i < values.length; i++) {
            if (keep[i]) {
                example.add(FEATURES[i], values[i]);
            }
        }
        return example;
    }

    MutableDataset<Regressor> dataset() {
        return dataset(rows);
    }

    MutableDataset<Regressor> dataset(double[][] featureRows) {
        List<Example<Regressor>> examples = new ArrayList<>();
        for (int i = 0; i < featureRows.length; i++) {
            examples.add(example(featureRows[i], targets[i]));
        }
        RegressionFactory factory = new RegressionFactory();
        return new MutableDataset<>(new ListDataSource<>(examples, factory,
                new SimpleDataSourceProvenance("h100-sxm-pytorch.csv", factory)));
    }

    /** Column-standardized copy of the rows (mean 0, population sd 1; constant columns left centered). */
    double[][] standardizedRows() {
        int d = FEATURES.length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / rows.length;
            }
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / rows.length;
            }
        }
        double[][] out = new double[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                double s = Math.sqrt(sd[j]);
                out[i][j] = (rows[i][j] - mean[j]) / (s > 0 ? s : 1);
            }
        }
        return out;
    }
}
