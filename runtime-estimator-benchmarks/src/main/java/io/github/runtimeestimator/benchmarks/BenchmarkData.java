package io.github.runtimeestimator.benchmarks;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The H100 measurements as 15 numeric features per ok row and the target ln(time_s), the same problem the
 * models module's compiled-evaluator tests use. Reads {@code h100-sxm-pytorch.csv} from the system
 * property {@code rte.shared.datasets}, else a {@code shared/datasets} found walking up from the working
 * directory, else {@code /work/shared/datasets}.
 */
final class BenchmarkData {
    static final String[] FEATURES = {
        "batch_size", "log10_batch_size", "params", "log10_params", "flops_per_sample",
        "log10_flops_per_sample", "log10_step_flops", "is_training", "is_epoch", "precision_bytes",
        "steps", "log10_steps", "optimizer_adam", "family_transformer", "family_cnn"
    };
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    final double[][] rows;
    final double[] targets;
    /** The infer and train_step rows as workloads on the catalogue's H100, and their ln(time_s). */
    final List<WorkloadSpec> stepWorkloads;
    final double[] stepTargets;

    private BenchmarkData(double[][] rows, double[] targets, List<WorkloadSpec> stepWorkloads, double[] stepTargets) {
        this.rows = rows;
        this.targets = targets;
        this.stepWorkloads = stepWorkloads;
        this.stepTargets = stepTargets;
    }

    static BenchmarkData load() {
        TRIBUO_LOGGER.setLevel(Level.WARNING);
        Path csv = datasetsDir().resolve("h100-sxm-pytorch.csv");
        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        List<WorkloadSpec> workloads = new ArrayList<>();
        List<Double> stepTargets = new ArrayList<>();
        HardwareSpec h100 = HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb");
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            while (it.hasNext()) {
                Map<String, String> r = it.next();
                if (!"ok".equals(r.get("status"))) {
                    continue;
                }
                double batch = Double.parseDouble(r.get("batch_size"));
                double params = Double.parseDouble(r.get("params"));
                double flops = Double.parseDouble(r.get("flops_per_sample"));
                String phase = r.get("phase");
                double training = phase.startsWith("train") ? 1 : 0;
                double steps = Double.parseDouble(r.get("steps"));
                String family = r.get("family");
                rows.add(new double[] {
                    batch, Math.log10(batch), params, Math.log10(params), flops, Math.log10(flops),
                    Math.log10(flops * batch * (training == 1 ? 3 : 1)), training,
                    phase.equals("train_epoch") ? 1 : 0, r.get("precision").equals("fp32") ? 4 : 2,
                    steps, Math.log10(steps), r.get("optimizer").startsWith("adam") ? 1 : 0,
                    family.equals("transformer") ? 1 : 0, family.equals("cnn") ? 1 : 0
                });
                targets.add(Math.log(Double.parseDouble(r.get("time_s"))));
                if (!phase.equals("train_epoch")) {
                    ModelSpec model = ModelSpec.builder().name(r.get("model")).family(family)
                            .parameters((long) params).flopsPerSample(flops).inputShape(r.get("input_shape")).build();
                    JobSpec job = training == 1
                            ? JobSpec.trainingStep((int) batch, Optimizer.valueOf(r.get("optimizer").toUpperCase(Locale.ROOT)),
                                    Double.parseDouble(r.get("learning_rate")))
                            : JobSpec.inference((int) batch);
                    workloads.add(WorkloadSpec.builder().model(model).job(job)
                            .precision(Precision.valueOf(r.get("precision").toUpperCase(Locale.ROOT))).hardware(h100).build());
                    stepTargets.add(Math.log(Double.parseDouble(r.get("time_s"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BenchmarkData(rows.toArray(new double[0][]),
                targets.stream().mapToDouble(Double::doubleValue).toArray(), List.copyOf(workloads),
                stepTargets.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Path datasetsDir() {
        String property = System.getProperty("rte.shared.datasets");
        if (property != null) {
            return Paths.get(property);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/datasets"), dir.resolveSibling("shared/datasets"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        return Paths.get("/work/shared/datasets");
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
