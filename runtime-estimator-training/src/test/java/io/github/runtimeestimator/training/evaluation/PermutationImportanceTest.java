package io.github.runtimeestimator.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.Measurement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {
    private final List<Measurement> data = Fixtures.dataset();

    @Test
    void aFieldTheEstimatorIgnoresHasZeroImportanceAndOneItUsesHasSome() {
        // time grows with batch size and hardware, ignores learning rate, optimizer and family
        EvaluationResult result = Evaluator.evaluate(data, Splits.kFold(3, 1),
                train -> Fixtures.estimator(s -> 1e-3 * s.job().batchSize() * s.job().steps()
                        * (s.requireHardware().isCpu() ? 20 : 1)));

        Map<SpecField, Importance> byField = PermutationImportance.compute(result, 3, 11).stream()
                .collect(Collectors.toMap(Importance::field, Function.identity()));

        assertThat(byField).containsOnlyKeys(SpecField.values());
        assertThat(byField.get(SpecField.BATCH_SIZE).maeLogTimeIncrease()).isGreaterThan(0.1);
        assertThat(byField.get(SpecField.HARDWARE).maeLogTimeIncrease()).isGreaterThan(0.1);
        assertThat(byField.get(SpecField.LEARNING_RATE).maeLogTimeIncrease()).isCloseTo(0, within(1e-12));
        assertThat(byField.get(SpecField.FAMILY).medianApeIncrease()).isCloseTo(0, within(1e-12));
        assertThat(byField.values()).allMatch(i -> i.rows() == 96 && i.refusedPredictions() == 0);
    }

    @Test
    void resultIsSortedMostImportantFirstAndSeeded() {
        EvaluationResult result = Evaluator.evaluate(data, Splits.leaveOneModelOut(),
                train -> Fixtures.estimator(s -> 1e-3 * s.job().batchSize() * s.job().steps()));

        List<Importance> a = PermutationImportance.compute(result, 2, 5);
        List<Importance> b = PermutationImportance.compute(result, 2, 5);

        assertThat(a).isEqualTo(b);
        assertThat(a.get(0).field()).isIn(SpecField.BATCH_SIZE, SpecField.DATASET_SIZE);
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i).maeLogTimeIncrease()).isLessThanOrEqualTo(a.get(i - 1).maeLogTimeIncrease());
        }
    }
}
