package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;

/** Every trainer trains on real H100 measurements and survives the .rte round trip bit for bit. */
class TrainerRoundTripTest {
    private static List<Measurement> training;
    private static List<WorkloadSpec> queries;

    @BeforeAll
    static void data() {
        training = TestData.h100Subsample(4);
        queries = new ArrayList<>();
        List<Measurement> all = TestData.h100();
        for (int i = 1; i < all.size(); i += 23) {
            queries.add(all.get(i).workload());
        }
        WorkloadSpec any = all.get(0).workload();
        queries.add(any.withJob(JobSpec.training(32, io.github.runtimeestimator.core.Optimizer.SGD, 0.1, 50_000, 3)));
    }

    static List<String> trainers() {
        return EstimatorTrainer.trainerNames();
    }

    @ParameterizedTest
    @MethodSource("trainers")
    void trainsOnRealDataAndLoadsBackPredictingTheSameBits(String trainer, @TempDir Path dir) throws Exception {
        TrainerConfig config = TrainerConfig.of(trainer, "test");
        TrainedEstimator trained = EstimatorTrainer.train(config, TestFeatures.V1, training,
                TrainingOptions.defaults().withFolds(3).withSourceFiles(List.of("h100-sxm-pytorch.csv")));

        Path file = dir.resolve(trainer + ".rte");
        trained.save(file);
        TrainedEstimator loaded = EstimatorArtifact.read(file, TestFeatures.resolver(TestFeatures.V1));

        List<Estimate> before = trained.predictAll(queries);
        List<Estimate> after = queries.stream().map(loaded::predict).collect(Collectors.toList());
        assertThat(after).as("loaded %s predicts what the saved one did", trainer).isEqualTo(before);
        assertThat(loaded.predictAll(queries)).as("batch and single predictions agree").isEqualTo(after);
        assertThat(loaded.config()).isEqualTo(config);
        assertThat(loaded.trainingData()).isEqualTo(trained.trainingData());
        assertThat(loaded.heldOutMetrics()).isEqualTo(trained.heldOutMetrics());
        assertThat(trained.trainingData().sourceFiles()).containsExactly("h100-sxm-pytorch.csv");
        assertThat(trained.trainingData().hardwareIds()).containsExactly("nvidia-h100-sxm-80gb");
        assertThat(trained.heldOutMetrics().folds()).isEqualTo(3);
        assertThat(trained.heldOutMetrics().rows()).isPositive();
        // a step estimator that is worse than a factor 2 in the median is broken, not merely weak
        assertThat(trained.heldOutMetrics().medianApe()).as("%s held-out median APE", trainer).isLessThan(1.0);
        for (Estimate e : before) {
            assertThat(e.lowerSeconds()).isLessThanOrEqualTo(e.seconds());
            assertThat(e.upperSeconds()).isGreaterThanOrEqualTo(e.seconds());
            assertThat(e.coverage()).isBetween(0.5, 1.0);
        }
        assertThat(trained.describe()).contains(trainer).contains("test v1");
        assertThat(trained.trainingData().rowsByPhase()).containsKey(Phase.TRAIN_EPOCH.id());
    }
}
