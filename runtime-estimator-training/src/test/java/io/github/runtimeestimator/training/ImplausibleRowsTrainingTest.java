package io.github.runtimeestimator.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Times of 1e-300 s and 1e300 s are left out of training and counted, so they cannot poison a model. */
class ImplausibleRowsTrainingTest {
    @Test
    void poisonedRowsChangeNothingButTheSkippedCount() {
        List<Measurement> clean = TestData.synthetic(7);
        ModelSpec resnet = ModelSpec.builder().name("resnet50").parameters(25_557_032L).flopsPerSample(8.18e9).build();
        List<Measurement> poisoned = new ArrayList<>(clean);
        poisoned.add(TestData.ok(resnet, JobSpec.trainingStep(64, Optimizer.SGD, 0.1), Precision.BF16, 1e-300, 1));
        poisoned.add(TestData.ok(resnet, JobSpec.inference(64), Precision.FP32, 1e300, 1));
        TrainerConfig config = TrainerConfig.of("linear", "physics");

        TrainedEstimator fromClean = EstimatorTrainer.train(config, clean);
        TrainedEstimator fromPoisoned = EstimatorTrainer.train(config, poisoned);

        assertThat(fromPoisoned.trainingData().rows()).isEqualTo(fromClean.trainingData().rows());
        assertThat(fromPoisoned.trainingData().skippedRows()).isEqualTo(fromClean.trainingData().skippedRows() + 2);
        WorkloadSpec epoch = WorkloadSpec.builder().model(resnet)
                .job(JobSpec.trainingEpoch(64, Optimizer.SGD, 0.1, 1_281_167L))
                .hardware(TestData.H100).build();
        assertThat(fromPoisoned.predict(epoch)).isEqualTo(fromClean.predict(epoch));
        assertThat(fromPoisoned.predict(epoch).seconds()).as("an ImageNet epoch on an H100 takes minutes")
                .isGreaterThan(60);
    }
}
