package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.internal.DefaultEstimator;
import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretrained estimator ships in the jar, loads through the core API and answers sensibly. */
class DefaultEstimatorTest {

    @Test
    void loadDefaultFindsTheShippedEstimatorThroughTheServiceLoader() {
        RuntimeEstimator est = RuntimeEstimator.loadDefault();
        assertThat(est).isInstanceOf(TrainedEstimator.class).isSameAs(RuntimeEstimator.loadDefault());
        TrainedEstimator t = (TrainedEstimator) est;
        // runtime-estimator-training's DefaultEstimatorBuilder.CONFIG: xgboost with 100 monotone trees on physics
        assertThat(t.config()).isEqualTo(new TrainerConfig("xgboost", Map.of("trees", "100", "monotone", "true"), "physics",
                Target.LOG_SECONDS, TrainerConfig.DEFAULT_SEED));
        assertThat(t.resolvedHyperParameters()).containsEntry("trees", "100").containsEntry("maxDepth", "6");
        assertThat(t.featureSet()).isSameAs(FeatureSets.physics());
        assertThat(t.stepRegressor().evaluator()).isInstanceOfSatisfying(CompiledTreeEnsemble.class, trees -> {
            assertThat(trees.kind()).isEqualTo(CompiledTreeEnsemble.Kind.XGBOOST);
            assertThat(trees.treeCount()).isEqualTo(100);
            assertThat(trees.usesCompleteLayout()).isTrue();
        });
        assertThat(t.trainingData().hardwareIds()).contains("nvidia-h100-sxm-80gb");
        assertThat(t.trainingData().models()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(t.heldOutMetrics().rows()).isPositive();
        assertThat(est.describe()).contains("xgboost").contains("held out");
    }

    @Test
    void resnet50TrainingOnAnH100IsEstimatedWithBoundsAndComposedFromSteps() {
        ModelSpec resnet50 = ModelSpec.builder().name("resnet50").family("cnn").parameters(25_557_032L)
                .flopsPerSample(8.18e9).inputShape("3x224x224").build();
        WorkloadSpec spec = WorkloadSpec.builder().model(resnet50)
                .job(JobSpec.training(64, Optimizer.SGD, 0.1, 1_281_167, 90)).precision(Precision.BF16)
                .hardware(HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb")).build();
        Estimate e = RuntimeEstimator.loadDefault().predict(spec);
        assertThat(e.steps()).isEqualTo(90L * 20_019);
        assertThat(e.secondsPerStep()).isBetween(1e-3, 1.0);
        assertThat(e.seconds()).isGreaterThanOrEqualTo(e.steps() * e.secondsPerStep());
        assertThat(e.lowerSeconds()).isLessThan(e.seconds());
        assertThat(e.upperSeconds()).isGreaterThan(e.seconds());
        assertThat(e.coverage()).isBetween(0.7, 0.9);
    }

    @Test
    void theShippedEstimatorFitsItsOwnTrainingDataWithinTheMeasurementNoiseBand() {
        TrainedEstimator est = DefaultEstimator.get();
        List<Measurement> h100 = DatasetWorkloads.measurements().stream().filter(Measurement::isOk)
                .filter(m -> m.steps() == 1).filter(m -> m.workload().hardware().id().equals("nvidia-h100-sxm-80gb"))
                .toList();
        double[] measured = h100.stream().mapToDouble(Measurement::seconds).toArray();
        double[] predicted = h100.stream().mapToDouble(m -> est.predictStepSeconds(m.workload())).toArray();
        HeldOutMetrics inSample = HeldOutMetrics.of("in sample", 0, measured, predicted);
        // in-sample, so a loose sanity bound: a broken or mismatched artifact is off by factors
        assertThat(measured).hasSizeGreaterThan(500);
        assertThat(inSample.medianApe()).isLessThan(0.25);
    }

    @Test
    void aSavedCopyOfTheDefaultLoadsBackThroughRuntimeEstimatorLoadAndPredictsTheSameOnEveryRow(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("copy.rte");
        DefaultEstimator.get().save(file);
        RuntimeEstimator copy = RuntimeEstimator.load(file);
        List<WorkloadSpec> rows = DatasetWorkloads.all();
        assertThat(copy.predictAll(rows)).isEqualTo(DefaultEstimator.get().predictAll(rows));
    }

    @Test
    void aMissingResourceFailsWithTheRebuildCommand() {
        assertThatThrownBy(() -> DefaultEstimator.load("/io/github/runtimeestimator/models/absent.rte"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing")
                .hasMessageContaining("-Prebuild-default-estimator");
    }
}
