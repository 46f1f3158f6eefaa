package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.training.evaluation.EvaluationResult;
import io.github.runtimeestimator.training.evaluation.Evaluator;
import io.github.runtimeestimator.training.evaluation.Metrics;
import io.github.runtimeestimator.training.evaluation.Prediction;
import io.github.runtimeestimator.training.evaluation.Splits;
import java.util.List;
import java.util.Locale;

/**
 * Physics v1 against v2 (catalogue descriptors) on leave-one-model-out over the H100 file (not a unit test; run
 * by hand: {@code java -cp <test classpath> io.github.runtimeestimator.models.DescriptorExperiment}).
 *
 * <p>v1 is reproduced exactly by v2 on a spec whose model name the catalogue does not know (v1 ignores the
 * name, and v2 differs from v1 only by the catalogue lookup), so both run from one build.
 */
public final class DescriptorExperiment {
    private DescriptorExperiment() {
    }

    /** physics v2 with the catalogue lookup defeated: v1's features. */
    static final class PhysicsWithoutCatalogue implements FeatureExtractor {
        private final FeatureExtractor v2 = FeatureSets.byId("physics", 2); // v1 had v2's activation proxy

        @Override
        public String id() {
            return v2.id();
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public List<String> names() {
            return v2.names();
        }

        @Override
        public void extractInto(WorkloadSpec spec, double[] out) {
            ModelSpec hidden = spec.model().toBuilder().name("uncatalogued:" + spec.model().name()).build();
            v2.extractInto(spec.toBuilder().model(hidden).build(), out);
        }
    }

    public static void main(String[] args) {
        List<Measurement> data = TestData.h100();
        String trainer = args.length > 0 ? args[0] : "xgboost";
        System.out.println("| features | target | infer medAPE | train_step medAPE | steps medAPE | steps MAPE"
                + " | steps within 25% | steps 80% interval coverage | epochs medAPE |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Target target : List.of(Target.LOG_SECONDS, Target.LOG_RATIO_TO_ROOFLINE)) {
            for (FeatureExtractor fx : List.of(new PhysicsWithoutCatalogue(), FeatureSets.physics())) {
                TrainerConfig config = new TrainerConfig(trainer, java.util.Map.of(), "physics", target, 42L);
                long t0 = System.nanoTime();
                EvaluationResult result = Evaluator.evaluate(data, Splits.leaveOneModelOut(),
                        train -> EstimatorTrainer.train(config, fx, train, TrainingOptions.defaults()));
                List<Prediction> steps = result.predictions().stream()
                        .filter(p -> p.phase() != Phase.TRAIN_EPOCH).toList();
                Metrics s = Metrics.of(steps);
                var report = result.report();
                System.out.printf(Locale.ROOT, "| physics v%d | %s | %.1f%% | %.1f%% | %.1f%% (%d rows) | %.1f%% | %.1f%%"
                                + " | %.1f%% | %.1f%% |  (%.0f s)%n",
                        fx.version(), target.name().toLowerCase(Locale.ROOT),
                        100 * report.phase(Phase.INFER).medianApe(), 100 * report.phase(Phase.TRAIN_STEP).medianApe(),
                        100 * s.medianApe(), s.rows(), 100 * s.mape(), 100 * s.within25pct(),
                        100 * s.intervalCoverage(), 100 * report.phase(Phase.TRAIN_EPOCH).medianApe(),
                        (System.nanoTime() - t0) / 1e9);
                // per-model median APE, to see where descriptors move the error
                if (args.length > 1) {
                    steps.stream().collect(java.util.stream.Collectors.groupingBy(
                                    p -> p.measurement().workload().model().name(), java.util.TreeMap::new,
                                    java.util.stream.Collectors.toList()))
                            .forEach((model, ps) -> System.out.printf(Locale.ROOT, "    %s %.1f%%%n", model,
                                    100 * Metrics.of(ps).medianApe()));
                }
            }
        }
    }
}
