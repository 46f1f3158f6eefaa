package io.github.runtimeestimator.examples;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.MeasurementReadResult;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.training.EstimatorTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains an estimator on your own schema-v1 measurements, saves it as an {@code .rte} artifact, loads it back
 * and predicts the rows of one model it was NOT trained on, next to what was measured.
 *
 * <p>Arguments: {@code measurements.csv [held-out model name, default resnet50] [out.rte, default a temp file]}.
 */
public final class TrainOnYourMeasurements {
    private TrainOnYourMeasurements() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args[0].isBlank() || args[0].startsWith("${")) {
            System.err.println("usage: TrainOnYourMeasurements measurements.csv [held-out model] [out.rte]");
            System.exit(2);
        }
        Path csv = Path.of(args[0]);
        String heldOut = args.length > 1 ? args[1] : "resnet50";
        Path artifact = args.length > 2 ? Path.of(args[2]) : Files.createTempFile("estimator", ".rte");

        MeasurementReadResult read = MeasurementCsv.read(csv, HardwareCatalog.builtIn(), ReadMode.LENIENT);
        read.rejections().forEach(r -> System.err.println("row left out: " + r));
        List<Measurement> ok = read.measurements().stream().filter(Measurement::isOk).toList();
        List<Measurement> train = ok.stream().filter(m -> !m.workload().model().name().equals(heldOut)).toList();
        List<Measurement> test = ok.stream().filter(m -> m.workload().model().name().equals(heldOut)).toList();
        if (train.isEmpty() || test.isEmpty()) {
            System.err.println(csv + ": needs ok rows of " + heldOut + " and of other models (" + ok.size() + " ok rows)");
            System.exit(2);
        }

        TrainedEstimator trained = EstimatorTrainer.train(TrainerConfig.of("xgboost", "physics"), train);
        trained.save(artifact);
        RuntimeEstimator estimator = RuntimeEstimator.load(artifact);
        System.out.printf(Locale.ROOT, "trained on %d rows (all but %s), saved to %s, loaded: %s%n", train.size(),
                heldOut, artifact, estimator.describe());

        System.out.println("| phase | precision | batch | steps | measured s | predicted s | range s |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (Measurement m : test.subList(0, Math.min(12, test.size()))) {
            Estimate e = estimator.predict(m.workload());
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.4f | %.4f - %.4f |%n",
                    m.workload().job().phase().id(), m.workload().precision().id(), m.workload().job().batchSize(),
                    m.workload().job().steps(), m.seconds(), e.seconds(), e.lowerSeconds(), e.upperSeconds());
        }
    }
}
