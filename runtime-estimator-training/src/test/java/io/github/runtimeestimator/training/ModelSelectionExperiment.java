package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.internal.Stats;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.HeldOutMetrics;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.models.internal.CompiledRegressor;
import io.github.runtimeestimator.training.internal.TribuoStepModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Leave-one-model-out comparison on the H100 data, used to choose the pretrained default (not a unit test; run
 * by hand): {@code java -cp <test classpath> io.github.runtimeestimator.models.ModelSelectionExperiment
 * [trainer:featureSet:target[:k=v,...]] ...} ({@code seed=N} among the pairs sets the seed, default 42).
 * Prints, per configuration, pooled held-out step-row metrics and,
 * for epochs, the composed estimate's median APE under three overhead forms.
 */
public final class ModelSelectionExperiment {
    private ModelSelectionExperiment() {
    }

    public static void main(String[] args) {
        List<Measurement> all = TestData.h100();
        List<Measurement> steps = all.stream().filter(Measurement::isOk)
                .filter(m -> m.workload().job().phase() != Phase.TRAIN_EPOCH).collect(Collectors.toList());
        List<Measurement> epochs = all.stream().filter(Measurement::isOk)
                .filter(m -> m.workload().job().phase() == Phase.TRAIN_EPOCH).collect(Collectors.toList());
        List<String> models = new ArrayList<>(new TreeSet<>(steps.stream().map(m -> m.workload().model().name())
                .collect(Collectors.toList())));
        System.out.printf(Locale.ROOT, "%d step rows, %d epoch rows, %d models%n", steps.size(), epochs.size(),
                models.size());
        for (String arg : args) {
            String[] p = arg.split(":");
            Map<String, String> hp = new java.util.TreeMap<>();
            if (p.length > 3) {
                for (String kv : p[3].split(",")) {
                    hp.put(kv.split("=")[0], kv.split("=")[1]);
                }
            }
            // seed=N among the k=v pairs sets the training seed (default 42), to see the seed-to-seed noise
            long seed = hp.containsKey("seed") ? Long.parseLong(hp.remove("seed")) : 42L;
            FeatureExtractor fx = FeatureSets.byId(p[1]);
            TrainerConfig config = new TrainerConfig(p[0], hp, p[1], Target.valueOf(p[2]), seed);
            long t0 = System.nanoTime();
            double[] measured = new double[steps.size()];
            double[] predicted = new double[steps.size()];
            List<Double> epochApeFraction = new ArrayList<>();
            List<Double> epochApePerStepSeconds = new ArrayList<>();
            List<Double> epochApeNone = new ArrayList<>();
            EstimatorTrainer.Rows stepRows = EstimatorTrainer.Rows.of(steps, fx, config.target());
            EstimatorTrainer.Rows epochRows = EstimatorTrainer.Rows.of(epochs, fx, config.target());
            for (String held : models) {
                List<Integer> train = new ArrayList<>();
                List<Integer> test = new ArrayList<>();
                for (int i = 0; i < steps.size(); i++) {
                    (steps.get(i).workload().model().name().equals(held) ? test : train).add(i);
                }
                EstimatorTrainer.Rows tr = stepRows.subset(train);
                CompiledRegressor r = TribuoStepModel.fit(RegressionTrainers.create(config, config.seed()),
                        config.target(), RegressionTrainers.predictsOneByOne(config.trainer()), fx.names(), tr.features,
                        tr.seconds, tr.baselines).compile("step", fx.id());
                EstimatorTrainer.Rows te = stepRows.subset(test);
                double[] pr = predict(r, te.features, te.baselines);
                for (int i = 0; i < test.size(); i++) {
                    measured[test.get(i)] = te.seconds[i];
                    predicted[test.get(i)] = pr[i];
                }
                // epochs: overhead from the other models' epoch rows, applied to the held-out model's
                double[] stepPred = predict(r, epochRows.features, epochRows.baselines);
                List<Double> fraction = new ArrayList<>();
                List<Double> perStep = new ArrayList<>();
                for (int i = 0; i < epochs.size(); i++) {
                    if (!epochs.get(i).workload().model().name().equals(held)) {
                        long n = epochs.get(i).steps();
                        fraction.add(epochs.get(i).seconds() / (n * stepPred[i]) - 1);
                        perStep.add((epochs.get(i).seconds() - n * stepPred[i]) / n);
                    }
                }
                double f = Math.max(0, median(fraction));
                double s = Math.max(0, median(perStep));
                for (int i = 0; i < epochs.size(); i++) {
                    if (epochs.get(i).workload().model().name().equals(held)) {
                        long n = epochs.get(i).steps();
                        double m = epochs.get(i).seconds();
                        epochApeFraction.add(Math.abs(n * stepPred[i] * (1 + f) - m) / m);
                        epochApePerStepSeconds.add(Math.abs(n * (stepPred[i] + s) - m) / m);
                        epochApeNone.add(Math.abs(n * stepPred[i] - m) / m);
                    }
                }
            }
            HeldOutMetrics h = HeldOutMetrics.of("leave-one-model-out", models.size(), measured, predicted);
            System.out.printf(Locale.ROOT, "%-45s medianAPE %5.1f%%  MAPE %6.1f%%  within25 %5.1f%%  MAE %.4f s"
                            + "  | epochs medAPE: +fraction %5.1f%%, +s/step %5.1f%%, none %5.1f%%  (%.0f s)%n",
                    arg, 100 * h.medianApe(), 100 * h.mape(), 100 * h.within25Percent(), h.maeSeconds(),
                    100 * median(epochApeFraction), 100 * median(epochApePerStepSeconds), 100 * median(epochApeNone),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static double[] predict(CompiledRegressor r, double[][] features, double[] baselines) {
        double[] out = new double[features.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.predictSeconds(features[i], baselines[i]);
        }
        return out;
    }

    private static double median(List<Double> v) {
        return Stats.quantile(v.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
    }
}
