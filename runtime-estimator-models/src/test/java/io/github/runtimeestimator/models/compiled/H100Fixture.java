package io.github.runtimeestimator.models.compiled;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
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
 * The shared H100 measurements as a realistic regression problem: 15 numeric features per ok row (several
 * of them often exactly 0, which matters for XGBoost) and the target ln(time_s). Parsed minimally here,
 * because the project's MeasurementCsv is not on this branch yet.
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
            instance = load(datasetsDir().resolve("h100-sxm-pytorch.csv"));
        }
        return instance;
    }

    /** The brief's rule: system property, then walk up for shared/datasets, then /work/shared/datasets. */
    static Path datasetsDir() {
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

    private static H100Fixture load(Path csv) {
        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
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
                double epoch = phase.equals("train_epoch") ? 1 : 0;
                double steps = Double.parseDouble(r.get("steps"));
                double bytes = r.get("precision").equals("fp32") ? 4 : 2;
                double adam = r.get("optimizer").startsWith("adam") ? 1 : 0;
                String family = r.get("family");
                rows.add(new double[] {
                    batch, Math.log10(batch), params, Math.log10(params), flops, Math.log10(flops),
                    Math.log10(flops * batch * (training == 1 ? 3 : 1)), training, epoch, bytes,
                    steps, Math.log10(steps), adam, family.equals("transformer") ? 1 : 0,
                    family.equals("cnn") ? 1 : 0
                });
                targets.add(Math.log(Double.parseDouble(r.get("time_s"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] t = new double[targets.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = targets.get(i);
        }
        return new H100Fixture(rows.toArray(new double[0][]), t);
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
