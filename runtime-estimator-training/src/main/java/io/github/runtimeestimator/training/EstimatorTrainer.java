package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.models.DescriptorInference;
import io.github.runtimeestimator.models.EpochOverhead;
import io.github.runtimeestimator.models.TrainingDomain;
import io.github.runtimeestimator.models.HeldOutMetrics;
import io.github.runtimeestimator.models.PredictionIntervals;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.models.TrainingSummary;
import io.github.runtimeestimator.models.internal.CompiledRegressor;
import io.github.runtimeestimator.models.internal.LibraryVersion;
import io.github.runtimeestimator.models.internal.StepBaseline;
import io.github.runtimeestimator.models.internal.StepRoofline;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;
import io.github.runtimeestimator.training.internal.CompiledEquality;
import io.github.runtimeestimator.training.internal.Fits;
import io.github.runtimeestimator.training.internal.TribuoStepModel;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.features.PhysicalBounds;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains estimators from measurements.
 *
 * <p>What is fitted: a regressor of one step's time (from the {@code infer} and {@code train_step} rows,
 * target per {@link Target}); the {@code train_epoch} rows are not fed to it (their time per step includes
 * data loading and host-to-device copies) but fix the {@link EpochOverhead} that epochs and jobs add to their
 * steps. An internal K-fold over the step rows, grouped by model (so no model is in both sides of a split),
 * yields the {@link HeldOutMetrics} and the {@link PredictionIntervals}. Deterministic for a fixed seed.
 *
 * <p>The fitted Tribuo model is compiled into the pure-Java regressor the estimator predicts with (and its
 * artifact stores); before the estimator is returned, the compiled regressor is checked to predict every
 * training row exactly as the Tribuo model does ({@link CompiledEquality}). Folds of the cross-validation predict
 * through their compiled regressors too, so held-out figures are those of the compiled path.
 *
 * <p>Rows whose time is not physically plausible ({@link PhysicalBounds#implausibility}: below the step's physical
 * floor or above a day per step) are never trained on: each is logged as a warning with its reason and counted
 * in {@link TrainingSummary#skippedRows()}, like rows that are not ok.
 */
public final class EstimatorTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(EstimatorTrainer.class);
    /** Implausible rows named one by one in the log; the rest are counted. */
    private static final int LOGGED_IMPLAUSIBLE_ROWS = 10;

    private EstimatorTrainer() {
    }

    /**
     * The trainer names {@link #train} accepts.
     *
     * @return the names, as {@link TrainerConfig#trainer()} gives them
     */
    public static List<String> trainerNames() {
        return RegressionTrainers.names();
    }

    /**
     * Fits {@code config} on the {@code ok} rows of {@code measurements} (other rows, and rows whose time is not
     * physically plausible, are skipped with a logged count) and returns an immutable, thread-safe estimator.
     *
     * @param config       the trainer, hyper-parameters, feature set, target and seed
     * @param measurements the rows to train on
     * @return the trained estimator
     * @throws SpecValidationException for an unknown trainer or feature set, a bad hyper-parameter, or too
     *                                 few usable rows
     */
    public static TrainedEstimator train(TrainerConfig config, List<Measurement> measurements) {
        return train(config, measurements, TrainingOptions.defaults());
    }

    /**
     * As {@link #train(TrainerConfig, List)}, with the folds, coverage and source files of {@code options}.
     *
     * @param config       the trainer, hyper-parameters, feature set, target and seed
     * @param measurements the rows to train on
     * @param options      the folds, coverage, source files and reference models
     * @return the trained estimator
     * @throws SpecValidationException for an unknown trainer or feature set, a bad hyper-parameter, or too
     *                                 few usable rows
     */
    public static TrainedEstimator train(TrainerConfig config, List<Measurement> measurements,
                                         TrainingOptions options) {
        Objects.requireNonNull(config, "config");
        RegressionTrainers.resolve(config);
        return train(config, featureSet(config.featureSet()), measurements, options);
    }

    /**
     * As {@link #train(TrainerConfig, List, TrainingOptions)}, with a feature set given rather than looked up.
     *
     * @param config       the trainer, hyper-parameters, target and seed; its feature set id must be that of
     *                     {@code features}
     * @param features     the feature set to train on
     * @param measurements the rows to train on
     * @param options      the folds, coverage, source files and reference models
     * @return the trained estimator
     * @throws SpecValidationException for an unknown trainer, a bad hyper-parameter, a feature set id other
     *                                 than that of {@code features}, a feature that is not finite, or too
     *                                 few usable rows
     */
    public static TrainedEstimator train(TrainerConfig config, FeatureExtractor features,
                                         List<Measurement> measurements, TrainingOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(measurements, "measurements");
        Objects.requireNonNull(options, "options");
        RegressionTrainers.resolve(config);
        if (!features.id().equals(config.featureSet())) {
            throw new SpecValidationException("featureSet", config.featureSet(),
                    "does not match the feature set given (" + features.id() + ")");
        }

        List<Measurement> stepRows = new ArrayList<>();
        List<Measurement> epochRows = new ArrayList<>();
        int notOk = 0;
        int otherPhase = 0;
        int implausible = 0;
        for (Measurement m : measurements) {
            if (!m.isOk()) {
                notOk++;
                continue;
            }
            Optional<String> why = PhysicalBounds.implausibility(m);
            if (why.isPresent()) {
                if (++implausible <= LOGGED_IMPLAUSIBLE_ROWS) {
                    LOG.warn("training {}: left out {} {} batch {} on {}: {}", config.trainer(),
                            m.workload().model().name(), m.workload().job().phase().id(),
                            m.workload().job().batchSize(), m.workload().requireHardware().id(), why.get());
                }
                continue;
            }
            Phase phase = m.workload().job().phase();
            if (phase == Phase.INFER || phase == Phase.TRAIN_STEP) {
                stepRows.add(m);
            } else if (phase == Phase.TRAIN_EPOCH) {
                epochRows.add(m);
            } else {
                otherPhase++;
            }
        }
        if (notOk + otherPhase > 0) {
            LOG.info("training {}: skipped {} rows that are not ok and {} {} rows", config.trainer(), notOk,
                    otherPhase, Phase.TRAIN_JOB.id());
        }
        if (implausible > 0) {
            LOG.warn("training {}: left out {} rows whose time is not physically plausible", config.trainer(),
                    implausible);
        }
        if (stepRows.size() < 2) {
            throw new SpecValidationException("measurements", stepRows.size() + " ok infer/train_step rows",
                    "need at least 2 to train");
        }

        Rows rows = Rows.of(stepRows, features, config.target());
        TribuoStepModel model = fit(config, features, rows);
        CompiledRegressor regressor = model.compile(TrainedEstimator.STEP_REGRESSOR, features.id());
        CompiledEquality.verify(regressor, model, features.names(), rows.features, rows.baselines);

        DescriptorInference inference = DescriptorInference.from(options.referenceModels());
        Calibration.Result cv = Calibration.run(config, features, stepRows, rows, options, inference);
        EpochOverhead overhead = fitOverhead(regressor, features, epochRows, config.target());
        TrainingSummary summary = summarize(stepRows, epochRows, notOk + otherPhase + implausible, options);
        LOG.debug("trained {}: {} step rows, {} epoch rows, held-out median APE {}", config.trainer(),
                stepRows.size(), epochRows.size(), cv.metrics().medianApe());
        return TrainedEstimator.builder().config(config).resolvedHyperParameters(RegressionTrainers.resolve(config))
                .features(features).stepRegressor(regressor).epochOverhead(overhead).intervals(cv.intervals())
                .trainingData(summary).heldOut(cv.metrics()).descriptorInference(inference)
                .operatorModel(features instanceof OperatorGraphFeatures ops ? ops.operatorModel() : null).build();
    }

    /**
     * Fits {@code config}'s Tribuo model on the step rows of {@code training} and compiles it, as {@link #train}
     * does for its estimator and for each fold: the pure-Java regressor, and the Tribuo model it came from (the
     * reference equality tests and benchmarks compare against).
     *
     * @param config   the trainer, hyper-parameters, target and seed
     * @param features the feature set
     * @param training the rows; only the {@code ok} {@code infer} and {@code train_step} rows are fitted
     * @return the Tribuo model and its compiled regressor
     */
    public static Fitted fit(TrainerConfig config, FeatureExtractor features, List<Measurement> training) {
        List<Measurement> steps = training.stream().filter(Measurement::isOk)
                .filter(m -> m.workload().job().phase() == Phase.INFER
                        || m.workload().job().phase() == Phase.TRAIN_STEP).toList();
        Rows rows = Rows.of(steps, features, config.target());
        TribuoStepModel model = fit(config, features, rows);
        return new Fitted(model, model.compile(TrainedEstimator.STEP_REGRESSOR, features.id()));
    }

    /** A fitted Tribuo model and its compiled form. */
    public record Fitted(TribuoStepModel tribuo, CompiledRegressor compiled) {
    }

    /** The step of a measurement (its job as a single step). */
    static WorkloadSpec stepOf(Measurement m) {
        return m.workload().withJob(m.workload().job().asSingleStep());
    }

    /** Fits {@code config}'s Tribuo model on feature rows (what training and every fold of calibration do). */
    static TribuoStepModel fitRows(TrainerConfig config, FeatureExtractor features, Rows rows) {
        return fit(config, features, rows);
    }

    private static TribuoStepModel fit(TrainerConfig config, FeatureExtractor features, Rows rows) {
        Set<String> increasing = Set.copyOf(features.increasingWithWork());
        Set<String> leftOut = Set.of();
        if (RegressionTrainers.monotone(config)) {
            if (increasing.isEmpty()) {
                throw new SpecValidationException("hyperParameters.monotone", "true", "feature set "
                        + features.id() + " does not say which of its features grow with the work");
            }
            Set<String> eitherWay = new java.util.HashSet<>(features.varyingWithWork());
            eitherWay.removeAll(increasing);
            leftOut = eitherWay;
        }
        return TribuoStepModel.fit(used -> RegressionTrainers.create(config, config.seed(), used, increasing),
                config.target(), RegressionTrainers.predictsOneByOne(config.trainer()), features.names(), leftOut,
                rows.features, rows.seconds, rows.baselines);
    }

    /** The current version of feature set {@code id}: what training fits on. */
    static FeatureExtractor featureSet(String id) {
        return FeatureSets.byId(id);
    }

    /** Feature rows, targets and baselines of step measurements. */
    static final class Rows {
        final double[][] features;
        final double[] seconds;
        final double[] baselines;

        private Rows(double[][] features, double[] seconds, double[] baselines) {
            this.features = features;
            this.seconds = seconds;
            this.baselines = baselines;
        }

        static Rows of(List<Measurement> rows, FeatureExtractor fx, Target target) {
            int d = fx.names().size();
            double[][] x = new double[rows.size()][];
            double[] y = new double[rows.size()];
            double[] b = new double[rows.size()];
            for (int i = 0; i < x.length; i++) {
                Measurement m = rows.get(i);
                WorkloadSpec step = m.workload().withJob(m.workload().job().asSingleStep());
                x[i] = new double[d];
                fx.extractInto(step, x[i]);
                for (int j = 0; j < d; j++) {
                    if (!Double.isFinite(x[i][j])) {
                        throw new SpecValidationException("measurements[" + i + "]", step.model().name(),
                                "feature " + fx.names().get(j) + " of " + fx.id() + " is " + x[i][j]);
                    }
                }
                y[i] = m.secondsPerStep();
                b[i] = StepBaseline.seconds(target, fx, x[i], step, StepRoofline.version());
            }
            return new Rows(x, y, b);
        }

        Rows subset(List<Integer> idx) {
            double[][] x = new double[idx.size()][];
            double[] y = new double[idx.size()];
            double[] b = new double[idx.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = features[idx.get(i)];
                y[i] = seconds[idx.get(i)];
                b[i] = baselines[idx.get(i)];
            }
            return new Rows(x, y, b);
        }
    }

    /**
     * Fold of each row: models (sorted, then shuffled with the seed) are dealt to folds in turn, so every model's
     * rows share one fold. With a single model the rows themselves are dealt. Empty when there is too little data.
     */
    static int[] foldsByModel(List<Measurement> rows, int folds, long seed) {
        List<String> models = new ArrayList<>(new TreeSet<>(rows.stream()
                .map(m -> m.workload().model().name()).toList()));
        int[] fold = new int[rows.size()];
        if (models.size() >= 2) {
            Collections.shuffle(models, new Random(seed));
            int k = Math.min(folds, models.size());
            Map<String, Integer> foldOf = new TreeMap<>();
            for (int i = 0; i < models.size(); i++) {
                foldOf.put(models.get(i), i % k);
            }
            for (int i = 0; i < fold.length; i++) {
                fold[i] = foldOf.get(rows.get(i).workload().model().name());
            }
            return fold;
        }
        if (rows.size() < 2 * folds) {
            return new int[0];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        for (int i = 0; i < order.size(); i++) {
            fold[order.get(i)] = i % folds;
        }
        return fold;
    }

    private static EpochOverhead fitOverhead(CompiledRegressor regressor, FeatureExtractor features,
                                             List<Measurement> epochRows, Target target) {
        if (epochRows.isEmpty()) {
            return EpochOverhead.none();
        }
        Rows rows = Rows.of(epochRows, features, target);
        double[] stepSeconds = new double[rows.features.length];
        double[] scratch = new double[regressor.inputCount()];
        for (int i = 0; i < stepSeconds.length; i++) {
            stepSeconds[i] = regressor.predictSeconds(rows.features[i], rows.baselines[i], scratch);
        }
        double[] epochSeconds = new double[epochRows.size()];
        long[] steps = new long[epochRows.size()];
        for (int i = 0; i < steps.length; i++) {
            epochSeconds[i] = epochRows.get(i).seconds();
            steps[i] = epochRows.get(i).steps();
        }
        return Fits.epochOverhead(epochSeconds, steps, stepSeconds);
    }

    private static TrainingSummary summarize(List<Measurement> stepRows, List<Measurement> epochRows, int skipped,
                                             TrainingOptions options) {
        Map<String, Integer> byPhase = new TreeMap<>();
        TreeSet<String> models = new TreeSet<>();
        TreeMap<String, HardwareSpec> hardware = new TreeMap<>();
        TreeSet<String> families = new TreeSet<>();
        Map<String, TreeSet<String>> precisions = new TreeMap<>();
        Map<String, TreeSet<String>> precisionsByDevice = new TreeMap<>();
        double[] parameters = {Double.MAX_VALUE, 0};
        double[] flops = {Double.MAX_VALUE, 0};
        double[] batch = {Double.MAX_VALUE, 0};
        for (List<Measurement> list : List.of(stepRows, epochRows)) {
            for (Measurement m : list) {
                WorkloadSpec w = m.workload();
                byPhase.merge(w.job().phase().id(), 1, Integer::sum);
                models.add(w.model().name());
                hardware.putIfAbsent(w.hardware().id(), w.hardware());
                families.add(w.model().family());
                precisions.computeIfAbsent(w.hardware().kind().id(), k -> new TreeSet<>()).add(w.precision().id());
                precisionsByDevice.computeIfAbsent(w.hardware().id(), k -> new TreeSet<>()).add(w.precision().id());
                widen(parameters, w.model().parameters());
                widen(flops, w.model().flopsPerSample());
                widen(batch, w.job().batchSize());
            }
        }
        Map<String, List<String>> precisionLists = new TreeMap<>();
        precisions.forEach((kind, set) -> precisionLists.put(kind, List.copyOf(set)));
        TrainingDomain domain = new TrainingDomain(range(parameters), range(flops), range(batch), precisionLists,
                List.copyOf(families), hardware.values().stream()
                        .map(hw -> TrainingDomain.Device.of(hw, precisionsByDevice.get(hw.id()))).toList());
        return new TrainingSummary(stepRows.size() + epochRows.size(), skipped, byPhase, List.copyOf(models),
                List.copyOf(hardware.keySet()), options.sourceFiles(), LocalDate.now(ZoneOffset.UTC).toString(),
                LibraryVersion.get(), domain);
    }

    private static void widen(double[] minMax, double value) {
        minMax[0] = Math.min(minMax[0], value);
        minMax[1] = Math.max(minMax[1], value);
    }

    private static TrainingDomain.Range range(double[] minMax) {
        return minMax[1] == 0 ? new TrainingDomain.Range(0, 0) : new TrainingDomain.Range(minMax[0], minMax[1]);
    }
}
