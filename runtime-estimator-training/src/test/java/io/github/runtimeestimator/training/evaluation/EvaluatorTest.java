package io.github.runtimeestimator.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static final double UNSEEN_SECONDS = 1.0;
    private final List<Measurement> data = Fixtures.dataset();

    /** Fits a memoriser: the exact measured time of a workload it trained on, a constant for anything else. */
    private static final Function<List<Measurement>, RuntimeEstimator> MEMORISER = train -> {
        Map<WorkloadSpec, Double> seen = new java.util.HashMap<>();
        for (Measurement m : train) {
            seen.put(m.workload(), m.seconds());
        }
        return Fixtures.estimator(spec -> seen.getOrDefault(spec, UNSEEN_SECONDS));
    };

    @Test
    void leaveModelOutScoresEveryRowWithAnEstimatorThatNeverSawItsModel() {
        EvaluationResult result = Evaluator.evaluate(data, Splits.leaveOneModelOut(), MEMORISER);

        assertThat(result.split()).isEqualTo("leave-model-out");
        assertThat(result.folds()).hasSize(4);
        assertThat(result.predictions()).hasSize((int) data.stream().filter(Measurement::isOk).count())
                .allMatch(p -> p.predictedSeconds() == UNSEEN_SECONDS);
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void reportPoolsPredictionsOverallAndPerPhase() {
        EvaluationResult result = Evaluator.evaluate(data, Splits.leaveOneModelOut(), MEMORISER);
        MetricsReport report = result.report();

        assertThat(report.overall().rows()).isEqualTo(96);
        assertThat(report.phases()).containsOnlyKeys(Phase.INFER, Phase.TRAIN_STEP, Phase.TRAIN_EPOCH);
        assertThat(report.phase(Phase.INFER).rows()).isEqualTo(32);
        assertThat(report.phase(Phase.TRAIN_JOB)).isEqualTo(Metrics.EMPTY);
        List<Prediction> infer = result.predictions().stream().filter(p -> p.phase() == Phase.INFER).toList();
        assertThat(report.phase(Phase.INFER)).isEqualTo(Metrics.of(infer));
    }

    @Test
    void refusedRowsAreReportedAsFailuresNotDropped() {
        Function<List<Measurement>, RuntimeEstimator> refusesCpu = train -> Fixtures.estimator(spec -> {
            if (spec.requireHardware().isCpu()) {
                throw new SpecValidationException("hardware", spec.requireHardware().id(), "not supported");
            }
            return 1.0;
        });

        EvaluationResult result = Evaluator.evaluate(data, Splits.kFold(4, 1), refusesCpu);

        assertThat(result.failures()).hasSize(48).allMatch(f -> f.reason().contains("not supported"));
        assertThat(result.predictions()).hasSize(48);
    }

    @Test
    void fitSeesOnlyOkTrainingRowsAndProgressHearsOfEveryFold() {
        List<List<Measurement>> fitted = new ArrayList<>();
        List<String> messages = new ArrayList<>();

        Evaluator.evaluate(data, Splits.leaveOneHardwareOut(), train -> {
            fitted.add(train);
            return MEMORISER.apply(train);
        }, messages::add);

        assertThat(fitted).hasSize(2).allSatisfy(rows -> assertThat(rows).hasSize(48).allMatch(Measurement::isOk));
        assertThat(messages).hasSize(2).anyMatch(m -> m.contains("hardware=cpu-b"));
    }

    @Test
    void scoreJudgesAFittedEstimatorOnAHoldoutSkippingNonOkRows() {
        // run1 only: run2 repeats run1's workloads with other timings, which no memoriser can match both of
        List<Measurement> run1 = data.stream().filter(m -> !m.run().runId().equals("run2")).toList();
        RuntimeEstimator perfect = MEMORISER.apply(run1);
        FoldResult holdout = Evaluator.score(perfect, run1);

        assertThat(holdout.predictions()).hasSize(48);
        assertThat(MetricsReport.of(holdout.predictions()).overall().maeSeconds()).isZero();
        Map<Measurement, Boolean> seen = new IdentityHashMap<>();
        holdout.predictions().forEach(p -> seen.put(p.measurement(), true));
        assertThat(seen).hasSize(48);
    }
}
