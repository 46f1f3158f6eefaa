package io.github.runtimeestimator.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.StepBreakdown;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.models.operators.OperatorSum;
import io.github.runtimeestimator.testing.RepositoryFiles;
import io.github.runtimeestimator.training.operators.KernelFiles;
import io.github.runtimeestimator.training.operators.OperatorModelTrainer;
import io.github.runtimeestimator.training.operators.OperatorTrainingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator-graph path (issue 10, item 3): feature set {@code opgraph} over a per-operator model trained on this
 * project's CPU kernel rows, fitted on the CPU whole-model rows with the target ln(time / operator sum). It trains,
 * stores its per-operator model in its artifact, loads predicting the same, and explains a step.
 */
class OperatorGraphEstimatorTest {
    private static final OperatorTrainingOptions FAST = OperatorTrainingOptions.DEFAULTS.withTrees(40)
            .withMaxDepth(5).withThreads(1);
    private static final TrainerConfig CONFIG = TrainerConfig.of("xgboost", OperatorGraphFeatures.ID)
            .withTarget(Target.LOG_RATIO_TO_OPERATOR_SUM).withHyperParameters(Map.of("trees", "40"));
    private static OperatorGraphFeatures features;
    private static List<Measurement> rows;
    private static TrainedEstimator estimator;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws Exception {
        KernelFiles kernels = KernelFiles.read(List.of(RepositoryFiles.dataset("kernels/epyc2-kernels-cpu.csv")),
                HardwareCatalog.builtIn());
        OperatorModel model = new OperatorModelTrainer(FAST).train(kernels.measurements(), kernels.sources());
        features = new OperatorGraphFeatures(model);
        rows = TestData.readCsv(RepositoryFiles.dataset("epyc2-pytorch-cpu.csv"));
        estimator = EstimatorTrainer.train(CONFIG, features, rows, TrainingOptions.defaults()
                .withGroupedIntervals(false));
    }

    private static WorkloadSpec stepOf(Measurement m) {
        return m.workload().withJob(m.workload().job().asSingleStep());
    }

    @Test
    void everyMeasuredModelHasAnOperatorSumFromTheCatalogueGraph() {
        for (Measurement m : rows) {
            OperatorSum.Breakdown sum = features.sum(stepOf(m)).orElseThrow(() -> new AssertionError(
                    m.workload().model().name() + " has no graph"));
            assertThat(sum.seconds()).as(m.workload().model().name()).isPositive().isFinite();
            assertThat(sum.launchSeconds()).isEqualTo(sum.kernels() * OperatorGraphFeatures.CPU_LAUNCH_SECONDS);
        }
    }

    @Test
    void theBaselineIsTheOperatorSumReadBackFromTheFeatures() {
        WorkloadSpec step = stepOf(rows.get(0));
        double[] x = features.extract(step).values();

        assertThat(features.sumSeconds(x)).isCloseTo(features.sum(step).orElseThrow().seconds(),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(x[features.names().indexOf("ops_has_graph")]).isEqualTo(1.0);
    }

    @Test
    void theArtifactKeepsThePerOperatorModelAndPredictsTheSame() throws Exception {
        Path file = dir.resolve("opgraph.rte");
        estimator.save(file);

        TrainedEstimator loaded = EstimatorArtifact.read(file);

        assertThat(loaded.featureSet().id()).isEqualTo(OperatorGraphFeatures.ID);
        assertThat(loaded.operatorModel()).isPresent();
        for (Measurement m : rows.subList(0, 40)) {
            assertThat(loaded.predict(m.workload()).seconds()).isEqualTo(estimator.predict(m.workload()).seconds());
        }
    }

    @Test
    void explainListsTheOperatorsOfMostTimeAndTheCorrection() {
        Measurement train = rows.stream().filter(m -> m.workload().job().phase().isTraining()
                && m.workload().model().name().equals("resnet18")).findFirst().orElseThrow();

        Estimate plain = estimator.predict(train.workload());
        Estimate explained = estimator.explain(train.workload());

        assertThat(plain.breakdown()).isNull();
        assertThat(explained.seconds()).isEqualTo(plain.seconds());
        StepBreakdown b = explained.breakdown();
        assertThat(b.operators()).hasSize(TrainedEstimator.EXPLAINED_OPERATORS);
        assertThat(b.operators()).extracting(StepBreakdown.OperatorTime::seconds)
                .isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(b.operators().stream().mapToDouble(StepBreakdown.OperatorTime::share).sum()).isLessThanOrEqualTo(1);
        assertThat(b.operators()).as("a training step lists backward operators")
                .anyMatch(t -> t.name().contains(".grad"));
        assertThat(b.stepSeconds()).isEqualTo(plain.secondsPerStep());
        assertThat(b.correction()).isCloseTo(plain.secondsPerStep() / b.operatorSumSeconds(),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aModelWithoutAGraphStillGetsAnAnswerThatSaysWhichPathItTook() {
        Measurement row = rows.stream().filter(m -> m.workload().job().phase() == Phase.INFER).findFirst()
                .orElseThrow();
        ModelSpec renamed = ModelSpec.builder()
                .name("my_own_net").family(row.workload().model().family())
                .parameters(row.workload().model().parameters())
                .flopsPerSample(row.workload().model().flopsPerSample()).build();
        WorkloadSpec spec = row.workload().withModel(renamed);

        Estimate e = estimator.predict(spec);

        assertThat(features.sum(spec)).isEmpty();
        assertThat(e.seconds()).isPositive();
        assertThat(e.extrapolations()).anyMatch(r -> r.contains("my_own_net has no operator graph"));
        assertThat(estimator.predict(row.workload()).extrapolations()).noneMatch(r -> r.contains("operator graph"));
    }

    @Test
    void opgraphCannotBeLookedUpWithoutAPerOperatorModel() {
        assertThatThrownBy(() -> EstimatorTrainer.train(CONFIG, rows))
                .hasMessageContaining("featureSet").hasMessageContaining(OperatorGraphFeatures.ID);
    }
}
