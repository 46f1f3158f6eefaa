package io.github.runtimeestimator.benchmarks;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.MeasurementReadResult;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * The H100 measurements (read with the core's {@link MeasurementCsv}) as 15 numeric features per ok row and
 * the target ln(time_s), the same problem the models module's compiled-evaluator tests use, and as
 * measurements and workloads for the estimator benchmarks. Reads {@code h100-sxm-pytorch.csv} from the
 * repository's {@code datasets/} ({@code RepositoryFiles}).
 */
final class BenchmarkData {
    static final String[] FEATURES = {
        "batch_size", "log10_batch_size", "params", "log10_params", "flops_per_sample",
        "log10_flops_per_sample", "log10_step_flops", "is_training", "is_epoch", "precision_bytes",
        "steps", "log10_steps", "optimizer_adam", "family_transformer", "family_cnn"
    };
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    /** Every row of the H100 file, as read. */
    final List<Measurement> measurements;
    final double[][] rows;
    final double[] targets;
    /** The ok infer and train_step rows' workloads, and their ln(time_s). */
    final List<WorkloadSpec> stepWorkloads;
    final double[] stepTargets;

    private BenchmarkData(List<Measurement> measurements, double[][] rows, double[] targets,
                          List<WorkloadSpec> stepWorkloads, double[] stepTargets) {
        this.measurements = measurements;
        this.rows = rows;
        this.targets = targets;
        this.stepWorkloads = stepWorkloads;
        this.stepTargets = stepTargets;
    }

    static BenchmarkData load() {
        TRIBUO_LOGGER.setLevel(Level.WARNING);
        List<Measurement> all = read(RepositoryFiles.dataset("h100-sxm-pytorch.csv"));
        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        List<WorkloadSpec> workloads = new ArrayList<>();
        List<Double> stepTargets = new ArrayList<>();
        for (Measurement m : all) {
            if (!m.isOk()) {
                continue;
            }
            rows.add(features(m));
            targets.add(Math.log(m.seconds()));
            if (m.workload().job().phase() != Phase.TRAIN_EPOCH) {
                workloads.add(m.workload());
                stepTargets.add(Math.log(m.seconds()));
            }
        }
        return new BenchmarkData(List.copyOf(all), rows.toArray(new double[0][]),
                targets.stream().mapToDouble(Double::doubleValue).toArray(), List.copyOf(workloads),
                stepTargets.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Every row of every {@code *.csv} in the datasets directory, as read. */
    static List<Measurement> allDatasets() {
        try (var files = Files.list(RepositoryFiles.datasets())) {
            List<Measurement> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                out.addAll(read(file));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Measurement> read(Path csv) {
        try {
            MeasurementReadResult r = MeasurementCsv.read(csv, HardwareCatalog.builtIn(), ReadMode.LENIENT);
            if (!r.rejections().isEmpty()) {
                throw new IllegalStateException(csv + " has rejected rows: " + r.rejections());
            }
            return r.measurements();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 15 {@link #FEATURES} of one measurement row. */
    private static double[] features(Measurement m) {
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

    Example<Regressor> example(int row) {
        return new ArrayExample<>(new Regressor("ln_time_s", targets[row]), FEATURES, rows[row]);
    }

    List<Example<Regressor>> examples(double[][] featureRows) {
        List<Example<Regressor>> examples = new ArrayList<>();
        for (int i = 0; i < featureRows.length; i++) {
            examples.add(new ArrayExample<>(new Regressor("ln_time_s", targets[i]), FEATURES, featureRows[i]));
        }
        return examples;
    }

    MutableDataset<Regressor> dataset(double[][] featureRows) {
        RegressionFactory factory = new RegressionFactory();
        return new MutableDataset<>(new ListDataSource<>(examples(featureRows), factory,
                new SimpleDataSourceProvenance("h100-sxm-pytorch.csv", factory)));
    }

    /** Column-standardized copy (mean 0, population sd 1), as a KNN estimator would use. */
    double[][] standardized() {
        int d = FEATURES.length;
        double[] mean = new double[d];
        double[] var = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / rows.length;
            }
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                var[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / rows.length;
            }
        }
        double[][] out = new double[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                double sd = Math.sqrt(var[j]);
                out[i][j] = (rows[i][j] - mean[j]) / (sd > 0 ? sd : 1);
            }
        }
        return out;
    }
}
