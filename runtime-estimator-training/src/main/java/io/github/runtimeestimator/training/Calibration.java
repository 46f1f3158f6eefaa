package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.models.DescriptorInference;
import io.github.runtimeestimator.models.HeldOutMetrics;
import io.github.runtimeestimator.models.IntervalGroup;
import io.github.runtimeestimator.models.ModelDescriber;
import io.github.runtimeestimator.models.PhaseInterval;
import io.github.runtimeestimator.models.PredictionIntervals;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.models.TrainingDomain;
import io.github.runtimeestimator.models.internal.CompiledRegressor;
import io.github.runtimeestimator.models.internal.StepBaseline;
import io.github.runtimeestimator.models.internal.StepRoofline;
import io.github.runtimeestimator.training.internal.Fits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The held-out figures and the intervals of an estimator, from its training rows cut so that each fold hides what a
 * spec can be new in (grouped conformal calibration):
 * <ul>
 *   <li>K folds grouped by model: the held-out metrics and the base interval per phase (a new model of a known family
 *       on known hardware), and, with each held-out model's descriptors withheld and inferred from references that
 *       leave the fold's models out, the interval of an inferred model;</li>
 *   <li>one fold per family (when there are at least two): the interval of a family never seen;</li>
 *   <li>one fold per device (when there are at least two): the interval of hardware never seen, per unit of
 *       {@code 1 + d} where {@code d} is the held-out device's distance from the fold's training devices, and
 *       symmetric ({@link Fits#symmetricInterval}): a device extrapolated to is mis-estimated in the direction of the
 *       side it lies on (faster than every training device: over-estimated; slower: under-estimated), so the folds'
 *       signs say which held-out devices were faster, not which side a new one will be on.</li>
 * </ul>
 * The quantiles of each set of held-out log residuals {@code ln(measured / predicted)} are the interval's bounds.
 */
final class Calibration {
    private Calibration() {
    }

    record Result(HeldOutMetrics metrics, PredictionIntervals intervals) {
    }

    static Result run(TrainerConfig config, FeatureExtractor features, List<Measurement> stepRows,
                      EstimatorTrainer.Rows rows, TrainingOptions options, DescriptorInference inference) {
        int[] fold = EstimatorTrainer.foldsByModel(stepRows, options.folds(), config.seed());
        if (fold.length == 0) {
            return new Result(HeldOutMetrics.none("too few rows to hold any out"), PredictionIntervals.none());
        }
        int k = 0;
        for (int f : fold) {
            k = Math.max(k, f + 1);
        }
        double lowerP = (1 - options.coverage()) / 2;
        double upperP = (1 + options.coverage()) / 2;
        boolean inferring = options.groupedIntervals() && !inference.isEmpty();
        double[] predicted = new double[fold.length];
        double[] inferred = new double[fold.length];
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == f ? test : train).add(i);
            }
            CompiledRegressor r = fitCompiled(config, features, rows.subset(train));
            double[] scratch = new double[r.inputCount()];
            for (int i : test) {
                predicted[i] = r.predictSeconds(rows.features[i], rows.baselines[i], scratch);
            }
            if (inferring) {
                Set<String> held = new HashSet<>();
                test.forEach(i -> held.add(stepRows.get(i).workload().model().name()));
                ModelDescriber describer = new ModelDescriber(ModelCatalog.builtIn(), inference.without(held));
                double[] x = new double[features.names().size()];
                for (int i : test) {
                    WorkloadSpec step = EstimatorTrainer.stepOf(stepRows.get(i));
                    WorkloadSpec undescribed = step.toBuilder()
                            .model(describer.describe(ModelDescriber.withheld(step.model())).model()).build();
                    features.extractInto(undescribed, x);
                    inferred[i] = r.predictSeconds(x, StepBaseline.seconds(config.target(), features, x, undescribed,
                            StepRoofline.version()), scratch);
                }
            }
        }
        HeldOutMetrics metrics = HeldOutMetrics.of(k + "-fold grouped by model", k, rows.seconds, predicted);
        Map<String, List<Double>> byPhase = new LinkedHashMap<>();
        Map<String, List<Double>> inferredByPhase = new LinkedHashMap<>();
        for (int i = 0; i < fold.length; i++) {
            String phase = phase(stepRows.get(i));
            byPhase.computeIfAbsent(phase, p -> new ArrayList<>()).add(Math.log(rows.seconds[i] / predicted[i]));
            if (inferring) {
                inferredByPhase.computeIfAbsent(phase, p -> new ArrayList<>())
                        .add(Math.log(rows.seconds[i] / inferred[i]));
            }
        }
        IntervalGroup base = group("", false, byPhase, lowerP, upperP);
        IntervalGroup inferredModel = inferring ? group(k + "-fold grouped by model, descriptors withheld and"
                + " inferred", false, inferredByPhase, lowerP, upperP) : IntervalGroup.none();
        IntervalGroup unseenFamily = IntervalGroup.none();
        IntervalGroup unseenHardware = IntervalGroup.none();
        if (options.groupedIntervals()) {
            unseenFamily = leaveOneGroupOut(config, features, stepRows, rows, m -> m.workload().model().family(),
                    "family", false, lowerP, upperP);
            unseenHardware = leaveOneGroupOut(config, features, stepRows, rows, m -> m.workload().requireHardware().id(),
                    "device", true, lowerP, upperP);
        }
        return new Result(metrics, new PredictionIntervals(options.coverage(), base.pooled(), base.byPhase(),
                unseenFamily, unseenHardware, inferredModel));
    }

    /**
     * Residuals of each group held out in turn; {@code perDistance}: divided by {@code 1 +} the held-out device's
     * distance from the fold's training devices. Not calibrated with fewer than two groups.
     */
    private static IntervalGroup leaveOneGroupOut(TrainerConfig config, FeatureExtractor features,
                                                  List<Measurement> stepRows, EstimatorTrainer.Rows rows,
                                                  Function<Measurement, String> key, String what,
                                                  boolean perDistance, double lowerP, double upperP) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < stepRows.size(); i++) {
            groups.computeIfAbsent(key.apply(stepRows.get(i)), g -> new ArrayList<>()).add(i);
        }
        if (groups.size() < 2) {
            return IntervalGroup.none();
        }
        Map<String, List<Double>> byPhase = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> held : groups.entrySet()) {
            List<Integer> train = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> other : groups.entrySet()) {
                if (other != held) {
                    train.addAll(other.getValue());
                }
            }
            CompiledRegressor r = fitCompiled(config, features, rows.subset(train));
            double[] scratch = new double[r.inputCount()];
            TrainingDomain trainDevices = perDistance ? devicesOf(stepRows, train) : null;
            for (int i : held.getValue()) {
                double residual = Math.log(rows.seconds[i] / r.predictSeconds(rows.features[i], rows.baselines[i],
                        scratch));
                if (perDistance) {
                    WorkloadSpec w = stepRows.get(i).workload();
                    residual /= 1 + trainDevices.hardwareDistance(w.requireHardware(), w.precision());
                }
                byPhase.computeIfAbsent(phase(stepRows.get(i)), p -> new ArrayList<>()).add(residual);
            }
        }
        return group("leave-one-" + what + "-out, " + groups.size() + " folds" + (perDistance
                ? ", residuals per unit of 1 + distance from the training devices, symmetric" : ""), perDistance,
                byPhase, lowerP, upperP);
    }

    /** A domain holding only the devices of {@code rows} (what {@link TrainingDomain#hardwareDistance} reads). */
    private static TrainingDomain devicesOf(List<Measurement> stepRows, List<Integer> rows) {
        Map<String, TrainingDomain.Device> devices = new TreeMap<>();
        for (int i : rows) {
            devices.computeIfAbsent(stepRows.get(i).workload().requireHardware().id(),
                    id -> TrainingDomain.Device.of(stepRows.get(i).workload().requireHardware()));
        }
        TrainingDomain none = TrainingDomain.unknown();
        return new TrainingDomain(none.parameters(), none.flopsPerSample(), none.batchSize(), Map.of(), List.of(),
                List.copyOf(devices.values()));
    }

    private static IntervalGroup group(String calibration, boolean perDistance, Map<String, List<Double>> byPhase,
                                       double lowerP, double upperP) {
        List<Double> all = new ArrayList<>();
        Map<String, PhaseInterval> intervals = new TreeMap<>();
        double coverage = upperP - lowerP;
        byPhase.forEach((phase, residuals) -> {
            all.addAll(residuals);
            intervals.put(phase, perDistance ? Fits.symmetricInterval(toArray(residuals), coverage)
                    : Fits.interval(toArray(residuals), lowerP, upperP));
        });
        return new IntervalGroup(calibration, perDistance, perDistance
                ? Fits.symmetricInterval(toArray(all), coverage) : Fits.interval(toArray(all), lowerP, upperP),
                intervals);
    }

    private static CompiledRegressor fitCompiled(TrainerConfig config, FeatureExtractor features,
                                                 EstimatorTrainer.Rows rows) {
        return EstimatorTrainer.fitRows(config, features, rows).compile(TrainedEstimator.STEP_REGRESSOR,
                features.id());
    }

    private static String phase(Measurement m) {
        return m.workload().job().phase().id();
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
