package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** Same data, same config, same seed: the same predictions; and one estimator answers many threads alike. */
class DeterminismTest {
    private static final List<Measurement> DATA = TestData.h100Subsample(6);
    private static final List<WorkloadSpec> QUERIES = TestData.h100().stream().filter(m -> m.isOk())
            .map(Measurement::workload).limit(120).collect(Collectors.toList());

    private static TrainedEstimator train(String trainer, long seed) {
        return EstimatorTrainer.train(TrainerConfig.of(trainer, "test").withSeed(seed), TestFeatures.V1, DATA,
                TrainingOptions.defaults().withFolds(3));
    }

    @Test
    void twoTrainingsWithTheSameSeedPredictTheSame() {
        for (String trainer : List.of("xgboost", "forest")) {
            TrainedEstimator a = train(trainer, 7);
            TrainedEstimator b = train(trainer, 7);
            assertThat(b.predictAll(QUERIES)).as(trainer).isEqualTo(a.predictAll(QUERIES));
            assertThat(b.heldOutMetrics()).as(trainer).isEqualTo(a.heldOutMetrics());
            assertThat(b.intervals()).as(trainer).isEqualTo(a.intervals());
        }
    }

    @Test
    void anotherSeedChangesARandomisedTrainer() {
        assertThat(train("forest", 8).predictAll(QUERIES)).isNotEqualTo(train("forest", 7).predictAll(QUERIES));
    }

    @Test
    void concurrentPredictionsAgreeWithSequentialOnes() throws Exception {
        TrainedEstimator est = train("xgboost", 7);
        List<Estimate> expected = est.predictAll(QUERIES);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Estimate>>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> QUERIES.stream().map(est::predict).collect(Collectors.toList())));
            }
            for (Future<List<Estimate>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
