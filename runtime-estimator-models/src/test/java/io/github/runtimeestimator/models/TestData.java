package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RunInfo;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Measurements for tests: hand-built ones, and the shared real data sets. */
final class TestData {
    static final HardwareSpec H100 = HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb");
    private static final Map<String, List<Measurement>> CACHE = new HashMap<>();

    private TestData() {
    }

    /**
     * The shared data directory: system property {@code rte.shared.datasets}, else {@code shared/datasets} or
     * {@code datasets} found walking up from the working directory (or as a sibling), else /work/shared/datasets.
     */
    static Path datasetsDir() {
        String prop = System.getProperty("rte.shared.datasets");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/datasets"), dir.resolveSibling("shared/datasets"))) {
                if (Files.isRegularFile(candidate.resolve("h100-sxm-pytorch.csv"))) {
                    return candidate;
                }
            }
        }
        return Path.of("/work/shared/datasets");
    }

    /** The shared H100 measurements (969 rows), read once. */
    static synchronized List<Measurement> h100() {
        return CACHE.computeIfAbsent("h100-sxm-pytorch.csv", f -> readCsv(datasetsDir().resolve(f)));
    }

    /** Every {@code step}-th row of the H100 data, with all of its epoch rows: a quick real training set. */
    static List<Measurement> h100Subsample(int step) {
        List<Measurement> all = h100();
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % step == 0 || all.get(i).workload().job().phase() == Phase.TRAIN_EPOCH) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /**
     * A minimal schema-v1 reader for tests until the core's MeasurementCsv is on main: H100 rows only (the
     * hardware is resolved by driver name through the built-in catalogue).
     */
    static List<Measurement> readCsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String[] header = split(lines.get(0));
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                col.put(header[i], i);
            }
            List<Measurement> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] v = split(line);
                java.util.function.Function<String, String> c = name -> v[col.get(name)];
                HardwareSpec hw = HardwareCatalog.builtIn().require(c.apply("device_name"));
                Phase phase = Phase.fromId(c.apply("phase"));
                int batch = Integer.parseInt(c.apply("batch_size"));
                Optimizer opt = Optimizer.fromId(c.apply("optimizer"));
                double lr = c.apply("learning_rate").isEmpty() ? 0 : Double.parseDouble(c.apply("learning_rate"));
                long dataset = c.apply("dataset_size").isEmpty() ? 0 : Long.parseLong(c.apply("dataset_size"));
                ModelSpec model = ModelSpec.builder().name(c.apply("model")).family(c.apply("family"))
                        .parameters(Long.parseLong(c.apply("params")))
                        .flopsPerSample(Double.parseDouble(c.apply("flops_per_sample")))
                        .inputShape(c.apply("input_shape")).build();
                WorkloadSpec w = WorkloadSpec.builder().model(model)
                        .job(new JobSpec(phase, batch, opt, lr, dataset, 1))
                        .precision(Precision.fromId(c.apply("precision"))).hardware(hw).build();
                MeasurementStatus status = MeasurementStatus.fromId(c.apply("status"));
                double seconds = c.apply("time_s").isEmpty() ? Double.NaN : Double.parseDouble(c.apply("time_s"));
                out.add(new Measurement(w, status, seconds, Double.NaN, Double.NaN, 0,
                        c.apply("steps").isEmpty() ? 1 : Long.parseLong(c.apply("steps")), Double.NaN, run(c.apply("device_name")), Map.of()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }

    static RunInfo run(String deviceName) {
        return new RunInfo("test", "test", "cuda", deviceName, "", 0, Double.NaN, "", 0, 0, Double.NaN, "pytorch",
                "");
    }

    /**
     * A synthetic set with a known law: a step takes {@code a + flops / (rate)} seconds, with rate depending on
     * precision, 3x FLOPs for training and 5% multiplicative noise. Eight models, several batch sizes.
     */
    static List<Measurement> synthetic(long seed) {
        Random rnd = new Random(seed);
        List<Measurement> out = new ArrayList<>();
        int[] batches = {1, 4, 16, 64, 256};
        for (int m = 0; m < 8; m++) {
            ModelSpec model = ModelSpec.builder().name("model" + m).family("cnn").parameters(1_000_000L * (m + 1))
                    .flopsPerSample(1e9 * (1 + 3 * m)).build();
            for (int batch : batches) {
                for (Precision p : List.of(Precision.FP32, Precision.BF16)) {
                    for (Phase phase : List.of(Phase.INFER, Phase.TRAIN_STEP)) {
                        JobSpec job = phase == Phase.INFER ? JobSpec.inference(batch)
                                : JobSpec.trainingStep(batch, Optimizer.ADAM, 1e-3);
                        double t = syntheticSeconds(model, job, p) * Math.exp(0.05 * rnd.nextGaussian());
                        out.add(ok(model, job, p, t, 1));
                    }
                }
            }
        }
        return out;
    }

    static double syntheticSeconds(ModelSpec model, JobSpec job, Precision p) {
        double flops = model.flopsPerSample() * job.batchSize() * (job.phase() == Phase.INFER ? 1 : 3);
        double rate = p == Precision.BF16 ? 2e14 : 5e13;
        return 2e-3 + flops / rate;
    }

    static Measurement ok(ModelSpec model, JobSpec job, Precision p, double seconds, long steps) {
        WorkloadSpec w = WorkloadSpec.builder().model(model).job(job).precision(p).hardware(H100).build();
        return new Measurement(w, MeasurementStatus.OK, seconds, Double.NaN, Double.NaN, 5, steps, Double.NaN,
                run(H100.aliases().get(0)), Map.of());
    }
}
