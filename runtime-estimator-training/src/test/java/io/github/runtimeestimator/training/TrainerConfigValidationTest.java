package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unknown trainers, bad hyper-parameters and unusable data fail naming the field, value and rule. */
class TrainerConfigValidationTest {
    private static final List<Measurement> DATA = TestData.synthetic(3);

    private static TrainedEstimator train(TrainerConfig config) {
        return EstimatorTrainer.train(config, TestFeatures.V1, DATA, TrainingOptions.defaults());
    }

    @Test
    void unknownTrainerIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> train(TrainerConfig.of("svm", "test")))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("trainer = \"svm\"").hasMessageContaining("xgboost");
    }

    @Test
    void unknownHyperParameterIsNamed() {
        TrainerConfig c = TrainerConfig.of("xgboost", "test").withHyperParameters(Map.of("depth", "3"));
        assertThatThrownBy(() -> train(c)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("hyperParameters.depth").hasMessageContaining("maxDepth");
    }

    @Test
    void unparsableOrOutOfRangeValuesAreNamed() {
        for (Map<String, String> hp : List.of(Map.of("k", "many"), Map.of("k", "0"))) {
            TrainerConfig c = TrainerConfig.of("knn", "test").withHyperParameters(hp);
            assertThatThrownBy(() -> train(c)).isInstanceOf(SpecValidationException.class)
                    .hasMessageContaining("hyperParameters.k").hasMessageContaining(hp.get("k"));
        }
        TrainerConfig eta = TrainerConfig.of("xgboost", "test").withHyperParameters(Map.of("eta", "2"));
        assertThatThrownBy(() -> train(eta)).hasMessageContaining("hyperParameters.eta");
        TrainerConfig extra = TrainerConfig.of("forest", "test").withHyperParameters(Map.of("extraTrees", "yes"));
        assertThatThrownBy(() -> train(extra)).hasMessageContaining("true or false");
    }

    @Test
    void defaultsAreDocumentedForEveryTrainer() {
        assertThat(RegressionTrainers.names()).containsExactlyElementsOf(EstimatorTrainer.trainerNames());
        for (String t : RegressionTrainers.names()) {
            assertThat(RegressionTrainers.defaults(t)).as(t).isNotEmpty();
        }
    }

    @Test
    void givenHyperParametersAreUsedAndRecorded() {
        TrainerConfig c = TrainerConfig.of("knn", "test").withHyperParameters(Map.of("k", "1"));
        TrainedEstimator est = train(c);
        assertThat(est.config()).isEqualTo(c);
        // k = 1 reproduces a training row exactly (log space, so up to rounding)
        Measurement row = DATA.get(7);
        assertThat(est.predictStepSeconds(row.workload())).isCloseTo(row.seconds(),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
    }

    @Test
    void featureSetOfTheConfigMustMatchTheExtractor() {
        assertThatThrownBy(() -> EstimatorTrainer.train(TrainerConfig.of("cart", "physics"), TestFeatures.V1, DATA,
                TrainingOptions.defaults())).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("featureSet");
    }

    @Test
    void rowsThatAreNotOkAreSkippedAndTooFewRowsFail() {
        List<Measurement> rows = new ArrayList<>();
        Measurement ok = DATA.get(0);
        rows.add(ok);
        rows.add(new Measurement(DATA.get(1).workload(), MeasurementStatus.OOM, Double.NaN, Double.NaN, Double.NaN,
                0, 1, Double.NaN, ok.run(), Map.of()));
        assertThatThrownBy(() -> EstimatorTrainer.train(TrainerConfig.of("cart", "test"), TestFeatures.V1, rows,
                TrainingOptions.defaults())).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("1 ok infer/train_step rows").hasMessageContaining("at least 2");
        List<Measurement> withOom = new ArrayList<>(DATA);
        withOom.add(rows.get(1));
        TrainedEstimator est = EstimatorTrainer.train(TrainerConfig.of("cart", "test"), TestFeatures.V1, withOom,
                TrainingOptions.defaults());
        assertThat(est.trainingData().rows()).isEqualTo(DATA.size());
        assertThat(est.trainingData().skippedRows()).isEqualTo(1);
    }
}
