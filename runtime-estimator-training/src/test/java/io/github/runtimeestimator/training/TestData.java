package io.github.runtimeestimator.training;

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
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.MeasurementReadResult;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** The shared H100 measurements (969 rows), read once. */
    static synchronized List<Measurement> h100() {
        return CACHE.computeIfAbsent("h100-sxm-pytorch.csv", f -> readCsv(RepositoryFiles.dataset(f)));
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

    /** Every row of a schema-v1 file, read with the core's reader (lenient: a bad row fails the test data). */
    static List<Measurement> readCsv(Path file) {
        try {
            MeasurementReadResult r = MeasurementCsv.read(file, HardwareCatalog.builtIn(), ReadMode.LENIENT);
            if (!r.rejections().isEmpty()) {
                throw new IllegalStateException(file + " has rejected rows: " + r.rejections());
            }
            return r.measurements();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
