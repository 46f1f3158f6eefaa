package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelDescription;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.StepBreakdown;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.internal.AtomicFiles;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.features.PhysicalBounds;
import io.github.runtimeestimator.models.internal.CompiledRegressor;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.models.internal.StepBaseline;
import io.github.runtimeestimator.models.internal.StepRoofline;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;
import io.github.runtimeestimator.models.operators.OperatorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An estimator trained from measurements: a regressor of one step's time, composed into epochs and jobs
 * ({@code ceil(datasetSize / batchSize)} steps per epoch plus the measured per-epoch overhead), with bounds
 * from its held-out residuals.
 *
 * <p>Immutable and safe to share between threads: every field is final and never changes after construction;
 * the only per-call state is a per-thread scratch buffer. {@link #save(Path)} writes it as a {@code .rte}
 * artifact; {@link RuntimeEstimator#load(Path)} reads it back and predicts exactly the same values.
 *
 * <p>It predicts through a {@link CompiledRegressor}, a pure-Java evaluator (tree ensemble, k-NN or linear
 * model): no Tribuo class, no native call, no lock and no allocation per prediction besides the returned
 * {@link Estimate}. runtime-estimator-training trains and compiles it; the artifact stores the compiled form.
 *
 * <p>Every estimate carries its energy upper bound ({@link Estimate#energyUpperBoundJoules()}: the job's seconds x
 * the hardware's board power x devices), unknown when the hardware has no board power figure.
 *
 * <p>Before its features are extracted, a spec's model is described by the estimator's {@link ModelDescriber}
 * (given, catalogue match by name or by figures, inferred descriptors), and the estimate says how
 * ({@link Estimate#modelDescription()}). Its bounds come from the interval of the situation the spec is in relative to
 * the training data ({@link PredictionIntervals}: a new model, a new family, new hardware, inferred descriptors), and
 * it names every way the spec lies outside that data ({@link Estimate#extrapolations()}: hardware, family, model
 * size, FLOPs, batch or precision not seen in training, from the {@link TrainingDomain}).
 */
public final class TrainedEstimator implements RuntimeEstimator {
    /** The name of the step-time regressor in an artifact. */
    public static final String STEP_REGRESSOR = "step";

    private final TrainerConfig config;
    private final Map<String, String> resolvedHyperParameters;
    private final FeatureExtractor features;
    private final CompiledRegressor regressor;
    private final EpochOverhead epochOverhead;
    private final PredictionIntervals intervals;
    private final TrainingSummary trainingData;
    private final HeldOutMetrics heldOut;
    private final OperatorModel operatorModel;
    private final int rooflineVersion;
    private final String label;
    private final Set<String> trainedHardware;
    private final ModelDescriber describer;
    private final TrainingDomain domain;
    // one reason list per unseen hardware id, built once: predicting allocates only the returned Estimate
    private final ConcurrentMap<String, List<String>> unseenHardwareReasons = new ConcurrentHashMap<>();
    private final ThreadLocal<Scratch> scratch;

    private TrainedEstimator(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.resolvedHyperParameters = b.resolvedHyperParameters == null ? config.hyperParameters()
                : Collections.unmodifiableSortedMap(new TreeMap<>(b.resolvedHyperParameters));
        this.features = Objects.requireNonNull(b.features, "features");
        this.regressor = Objects.requireNonNull(b.regressor, "regressor");
        this.epochOverhead = Objects.requireNonNull(b.epochOverhead, "epochOverhead");
        this.intervals = Objects.requireNonNull(b.intervals, "intervals");
        this.trainingData = Objects.requireNonNull(b.trainingData, "trainingData");
        this.heldOut = Objects.requireNonNull(b.heldOut, "heldOut");
        this.operatorModel = b.operatorModel;
        this.rooflineVersion = b.rooflineVersion;
        if (config.target() == Target.LOG_RATIO_TO_ROOFLINE && !StepRoofline.computes(rooflineVersion)) {
            throw new IllegalArgumentException("rooflineVersion: " + rooflineVersion + " is not a roofline version"
                    + " this library computes (" + StepRoofline.version() + " and earlier ones it keeps)");
        }
        if (!STEP_REGRESSOR.equals(regressor.name())) {
            throw new IllegalArgumentException("regressor: named '" + regressor.name() + "', must be '"
                    + STEP_REGRESSOR + "'");
        }
        if (!regressor.featureSet().equals(features.id()) || !features.id().equals(config.featureSet())) {
            throw new IllegalArgumentException("regressor: reads feature set " + regressor.featureSet()
                    + ", the estimator has " + features.id() + " and its config " + config.featureSet());
        }
        if (!features.names().containsAll(regressor.inputs())) {
            throw new IllegalArgumentException("regressor: reads features that feature set " + features.id()
                    + " lacks");
        }
        if (regressor.target() != config.target()) {
            throw new IllegalArgumentException("regressor: target " + regressor.target() + " but the config's is "
                    + config.target());
        }
        for (Map.Entry<String, String> e : config.hyperParameters().entrySet()) {
            if (!e.getValue().equals(resolvedHyperParameters.get(e.getKey()))) {
                throw new IllegalArgumentException("resolvedHyperParameters: " + e.getKey() + " = "
                        + resolvedHyperParameters.get(e.getKey()) + " but the config sets " + e.getValue());
            }
        }
        this.label = config.trainer() + "/" + features.id() + " v" + features.version();
        this.trainedHardware = Set.copyOf(trainingData.hardwareIds());
        this.describer = new ModelDescriber(ModelCatalog.builtIn(), b.descriptorInference);
        this.domain = trainingData.domain();
        int raw = features.names().size();
        int model = regressor.inputCount();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(raw, model));
    }

    /**
     * A builder: everything an estimator is made of, as runtime-estimator-training or an artifact supplies it.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Estimate predict(WorkloadSpec spec) {
        Objects.requireNonNull(spec, "spec");
        ModelDescription how = describer.howDescribed(spec.model());
        WorkloadSpec step = describedStep(spec, how);
        Scratch s = scratch.get();
        featuresInto(step, s.raw);
        return compose(spec, regressor.predictSeconds(s.raw, baseline(s.raw, step), s.model),
                PhysicalBounds.floorSecondsPerStep(step), how);
    }

    /** Operators listed by {@link #explain}. */
    public static final int EXPLAINED_OPERATORS = 10;

    /**
     * {@link #predict}, with where the step's time goes when this estimator sums operators (feature set
     * {@code opgraph}): the operator sum, the learned correction (the estimate's step over the sum) and the
     * {@value #EXPLAINED_OPERATORS} operators of most predicted time. Other estimators, and models without an
     * operator graph, give the plain estimate.
     */
    @Override
    public Estimate explain(WorkloadSpec spec) {
        Estimate estimate = predict(spec);
        if (!(features instanceof OperatorGraphFeatures ops)) {
            return estimate;
        }
        WorkloadSpec step = describedStep(spec, describer.howDescribed(spec.model()));
        return ops.explain(step, EXPLAINED_OPERATORS)
                .map(b -> estimate.toBuilder().breakdown(new StepBreakdown(b.operatorSumSeconds(), b.launchSeconds(),
                        b.kernels(), estimate.secondsPerStep(), b.operators())).build())
                .orElse(estimate);
    }

    /** The step of {@code spec} with its model as the describer describes it ({@code how}). */
    private WorkloadSpec describedStep(WorkloadSpec spec, ModelDescription how) {
        WorkloadSpec step = stepOf(spec);
        if (describer.keepsAsIs(how, spec.model())) {
            return step;
        }
        ModelSpec described = describer.describe(spec.model()).model();
        return step.toBuilder().model(described).build();
    }

    /** Predicts many specs: the same values as {@link #predict} one by one. */
    @Override
    public List<Estimate> predictAll(List<WorkloadSpec> specs) {
        Objects.requireNonNull(specs, "specs");
        List<Estimate> out = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            WorkloadSpec spec = specs.get(i);
            if (spec == null) { // checked here: a message built per row would allocate on every row
                throw new NullPointerException("specs[" + i + "]");
            }
            out.add(predict(spec));
        }
        return out;
    }

    /**
     * The regressor's own answer for one step (or inference batch) of {@code spec}, without bounds and before
     * {@link #predict} raises it to the step's physical floor ({@link PhysicalBounds#floorSecondsPerStep}): for
     * comparing evaluators, not for scheduling.
     *
     * @param spec the workload
     * @return the regressor's seconds of one step
     */
    public double predictStepSeconds(WorkloadSpec spec) {
        WorkloadSpec step = describedStep(spec, describer.howDescribed(spec.model()));
        Scratch s = scratch.get();
        featuresInto(step, s.raw);
        return regressor.predictSeconds(s.raw, baseline(s.raw, step), s.model);
    }

    /**
     * Predicted seconds of one step from a feature vector in {@link #featureSet()} order (for feature-level
     * permutation importance). {@code step} supplies only the roofline baseline when the target is
     * {@link Target#LOG_RATIO_TO_ROOFLINE}; otherwise it is not read (the operator sum of
     * {@link Target#LOG_RATIO_TO_OPERATOR_SUM} is read from {@code features}).
     *
     * @param features the feature values, one per name of the feature set
     * @param step     the workload the baseline is computed from
     * @return the predicted seconds of one step
     * @throws IllegalArgumentException when {@code features} has not one value per feature of the feature set
     */
    public double predictStepSecondsFromFeatures(double[] features, WorkloadSpec step) {
        if (features.length != this.features.names().size()) {
            throw new IllegalArgumentException("features has " + features.length + " values, feature set "
                    + this.features.id() + " has " + this.features.names().size());
        }
        return regressor.predictSeconds(features, baseline(features, stepOf(step)));
    }

    private static WorkloadSpec stepOf(WorkloadSpec spec) {
        spec.requireHardware();
        JobSpec job = spec.job();
        JobSpec stepJob = job.asSingleStep();
        return stepJob == job ? spec : spec.withJob(stepJob);
    }

    private double baseline(double[] vector, WorkloadSpec step) {
        return StepBaseline.seconds(config.target(), features, vector, step, rooflineVersion);
    }

    /**
     * Extracts the step's features. Every input is validated finite, so a non-finite feature means the spec's
     * numbers are too large to combine (FLOPs x batch beyond a double): a refusal of the input, not a bug.
     */
    private void featuresInto(WorkloadSpec step, double[] f) {
        features.extractInto(step, f);
        for (int j = 0; j < f.length; j++) {
            if (!Double.isFinite(f[j])) {
                throw new SpecValidationException("model", step.model().name(), "feature " + features.names().get(j)
                        + " of " + features.id() + " is " + f[j] + " at batch " + step.job().batchSize()
                        + ": the spec's numbers are too large to estimate");
            }
        }
    }

    /**
     * The estimate of {@code spec} from the regressor's step time: raised to the step's physical floor when it
     * is below it (flagged in the estimate), bounds from the interval of the spec's situation (the lower one never
     * below the floor either), then composed into an epoch or a job. A time too large for a double is refused.
     */
    private Estimate compose(WorkloadSpec spec, double predictedStepSeconds, double floorStepSeconds,
                             ModelDescription how) {
        JobSpec job = spec.job();
        boolean raised = predictedStepSeconds < floorStepSeconds;
        double stepSeconds = raised ? floorStepSeconds : predictedStepSeconds;
        HardwareSpec hw = spec.hardware();
        boolean unseenHardware = !trainedHardware.isEmpty() && !trainedHardware.contains(hw.id());
        PhaseInterval interval;
        double scale = 1;
        if (unseenHardware && intervals.unseenHardware().isCalibrated()) {
            interval = intervals.unseenHardware().forPhase(job.phase());
            scale = 1 + domain.hardwareDistance(hw, spec.precision());
        } else if (domain.isKnown() && !domain.families().contains(spec.model().family())
                && intervals.unseenFamily().isCalibrated()) {
            interval = intervals.unseenFamily().forPhase(job.phase());
        } else {
            interval = intervals.forPhase(job.phase());
        }
        double lowLog = interval.lowerLogResidual() * scale;
        double highLog = interval.upperLogResidual() * scale;
        if ((how == ModelDescription.INFERRED || how == ModelDescription.NONE)
                && intervals.inferredModel().isCalibrated()) {
            PhaseInterval inferred = intervals.inferredModel().forPhase(job.phase());
            lowLog = Math.min(lowLog, inferred.lowerLogResidual());
            highLog = Math.max(highLog, inferred.upperLogResidual());
        }
        double low = Math.max(Math.min(stepSeconds, stepSeconds * Math.exp(lowLog)), floorStepSeconds);
        double high = Math.max(stepSeconds, stepSeconds * Math.exp(highLog));
        long steps = job.steps();
        double seconds;
        double lower;
        double upper;
        if (job.phase() == Phase.INFER || job.phase() == Phase.TRAIN_STEP) {
            seconds = stepSeconds;
            lower = low;
            upper = high;
        } else {
            long perEpoch = job.stepsPerEpoch();
            int epochs = job.phase() == Phase.TRAIN_JOB ? job.epochs() : 1;
            seconds = epochs * epochOverhead.epochSeconds(perEpoch, stepSeconds);
            lower = Math.min(seconds, epochs * epochOverhead.epochSeconds(perEpoch, low));
            upper = Math.max(seconds, epochs * epochOverhead.epochSeconds(perEpoch, high));
        }
        if (!Double.isFinite(upper) || !Double.isFinite(stepSeconds)) {
            throw new SpecValidationException("job", steps + " steps of " + stepSeconds + " s",
                    "the job's time is too large to represent in seconds");
        }
        return new Estimate(seconds, lower, upper, stepSeconds, steps, interval.coverage(), label,
                hw.energyUpperBoundJoules(seconds), raised, extrapolations(spec, unseenHardware), how, null,
                spec.defaultsAssumed());
    }

    /**
     * Why {@code spec} lies outside the training data, as far as this estimator records it: hardware that no
     * training row ran on, and, when the artifact records its {@link TrainingDomain}, a family, a model size, FLOPs
     * per sample, a batch size or a precision (on that kind of hardware) outside those trained on; for an estimator
     * that sums operators, a model without an operator graph. Empty when every training row's hardware is unknown
     * (an estimator built by hand) and no domain is recorded.
     */
    private List<String> extrapolations(WorkloadSpec spec, boolean unseenHardware) {
        List<String> reasons = domainExtrapolations(spec, unseenHardware);
        if (features instanceof OperatorGraphFeatures ops && ops.graphOf(spec.model()) == null) {
            List<String> withGraph = new ArrayList<>(reasons);
            withGraph.add("model " + spec.model().name() + " has no operator graph (none in the spec, none in the"
                    + " model catalogue): its operator sum is replaced by the step's roofline, and every training row"
                    + " had a graph");
            return List.copyOf(withGraph);
        }
        return reasons;
    }

    /** {@link #extrapolations} as far as the hardware and the recorded {@link TrainingDomain} tell. */
    private List<String> domainExtrapolations(WorkloadSpec spec, boolean unseenHardware) {
        List<String> hardwareReason = unseenHardware ? unseenHardwareReason(spec.hardware().id()) : List.of();
        if (!domain.isKnown()) {
            return hardwareReason;
        }
        ModelSpec model = spec.model();
        HardwareSpec hw = spec.hardware();
        // A training device whose precisions are recorded answers for itself (a CPU trained in fp32 only has not
        // seen bf16 because another CPU was); any other device by what its kind was trained on.
        List<String> onDevice = domain.precisionsOn(hw.id());
        List<String> precisions = onDevice.isEmpty()
                ? domain.precisionsByKind().getOrDefault(hw.kind().id(), List.of()) : onDevice;
        String trainedOn = onDevice.isEmpty() ? hw.kind().id() : hw.id();
        boolean familyKnown = domain.families().contains(model.family());
        boolean inDomain = familyKnown && domain.parameters().contains(model.parameters())
                && domain.flopsPerSample().contains(model.flopsPerSample())
                && domain.batchSize().contains(spec.job().batchSize())
                && precisions.contains(spec.precision().id());
        if (inDomain) {
            return hardwareReason;
        }
        List<String> reasons = new ArrayList<>(hardwareReason);
        if (!familyKnown) {
            reasons.add(ModelSpec.UNKNOWN_FAMILY.equals(model.family())
                    ? "the model's family is not given (trained on " + String.join(", ", domain.families()) + ")"
                    : "family " + model.family() + " is not in the training data (trained on "
                            + String.join(", ", domain.families()) + ")");
        }
        outside(reasons, "model size", model.parameters(), domain.parameters(), "parameters");
        outside(reasons, "forward FLOPs per sample", model.flopsPerSample(), domain.flopsPerSample(), "FLOPs");
        outside(reasons, "batch size", spec.job().batchSize(), domain.batchSize(), "");
        if (!precisions.contains(spec.precision().id())) {
            reasons.add("precision " + spec.precision().id() + " on " + (onDevice.isEmpty() ? "a " : "")
                    + trainedOn + " is not in the training data (trained on " + trainedOn + ": "
                    + (precisions.isEmpty() ? "none" : String.join(", ", precisions)) + ")");
        }
        return List.copyOf(reasons);
    }

    private static void outside(List<String> reasons, String what, double value, TrainingDomain.Range range,
                                String unit) {
        if (!range.contains(value)) {
            String u = unit.isEmpty() ? "" : " " + unit;
            reasons.add(String.format(Locale.ROOT, "%s %.3g%s is outside the %.3g to %.3g%s trained on", what, value,
                    u, range.min(), range.max(), u));
        }
    }

    private List<String> unseenHardwareReason(String id) {
        List<String> reasons = unseenHardwareReasons.get(id);
        if (reasons == null) {
            reasons = List.of("hardware " + id + " is not in the training data (trained on "
                    + String.join(", ", trainingData.hardwareIds()) + "): its estimate rests on its datasheet figures");
            unseenHardwareReasons.putIfAbsent(id, reasons);
        }
        return reasons;
    }

    /**
     * The configuration it was trained with, hyper-parameters as given (see {@link #resolvedHyperParameters()}).
     *
     * @return its trainer config
     */
    public TrainerConfig config() {
        return config;
    }

    /**
     * Every hyper-parameter it was trained with, defaults included, sorted by name.
     *
     * @return hyper-parameter values by name, unmodifiable
     */
    public Map<String, String> resolvedHyperParameters() {
        return resolvedHyperParameters;
    }

    /**
     * The compiled step-time regressor it predicts with.
     *
     * @return its step regressor
     */
    public CompiledRegressor stepRegressor() {
        return regressor;
    }

    /**
     * The version of the roofline arithmetic it was fitted against ({@code rooflineVersion} in its artifact): the
     * baseline of a {@link Target#LOG_RATIO_TO_ROOFLINE} target, which it predicts with. Everything trained now
     * has {@link io.github.runtimeestimator.features.Roofline#VERSION}.
     *
     * @return its roofline version
     */
    public int rooflineVersion() {
        return rooflineVersion;
    }

    /**
     * The feature set it reads.
     *
     * @return its feature extractor
     */
    public FeatureExtractor featureSet() {
        return features;
    }

    /**
     * What it was trained on.
     *
     * @return its training summary
     */
    public TrainingSummary trainingData() {
        return trainingData;
    }

    /**
     * Its trainer's scores on held-out step rows (internal K-fold grouped by model).
     *
     * @return its held-out metrics
     */
    public HeldOutMetrics heldOutMetrics() {
        return heldOut;
    }

    /**
     * The intervals it states.
     *
     * @return its prediction intervals
     */
    public PredictionIntervals intervals() {
        return intervals;
    }

    /**
     * How it describes a spec's model before reading it: the catalogue, and the references it infers from.
     *
     * @return its model describer
     */
    public ModelDescriber describer() {
        return describer;
    }

    /**
     * The per-epoch overhead it adds to an epoch's steps.
     *
     * @return its epoch overhead
     */
    public EpochOverhead epochOverhead() {
        return epochOverhead;
    }

    /**
     * The per-operator model stored with it ({@code docs/operator-model.md}), if any. It does not take part in
     * {@link #predict}: estimates come from the step regressor.
     *
     * @return the per-operator model, or empty when none is stored
     */
    public Optional<OperatorModel> operatorModel() {
        return Optional.ofNullable(operatorModel);
    }

    /**
     * This estimator with {@code model} as its per-operator model (replacing any it had), or with none when
     * {@code model} is null; everything else is the same.
     *
     * @param model the per-operator model, or null for none
     * @return the new estimator
     */
    public TrainedEstimator withOperatorModel(OperatorModel model) {
        return new TrainedEstimator(this, model);
    }

    private TrainedEstimator(TrainedEstimator base, OperatorModel model) {
        this.config = base.config;
        this.resolvedHyperParameters = base.resolvedHyperParameters;
        this.features = base.features;
        this.regressor = base.regressor;
        this.epochOverhead = base.epochOverhead;
        this.intervals = base.intervals;
        this.trainingData = base.trainingData;
        this.heldOut = base.heldOut;
        this.operatorModel = model;
        this.rooflineVersion = base.rooflineVersion;
        this.label = base.label;
        this.trainedHardware = base.trainedHardware;
        this.describer = base.describer;
        this.domain = base.domain;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(base.features.names().size(),
                base.regressor.inputCount()));
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(config.trainer()).append(' ').append(config.hyperParameters())
                .append(" on feature set ").append(features.id()).append(" v").append(features.version())
                .append(", target ").append(config.target().name().toLowerCase(Locale.ROOT));
        if (config.target() == Target.LOG_RATIO_TO_ROOFLINE && rooflineVersion != StepRoofline.version()) {
            sb.append(" (roofline v").append(rooflineVersion).append(')');
        }
        sb.append(", seed ").append(config.seed()).append('\n');
        sb.append("trained on ").append(trainingData.rows()).append(" rows ").append(trainingData.rowsByPhase())
                .append(" of ").append(trainingData.models().size()).append(" models on ")
                .append(trainingData.hardwareIds());
        if (!trainingData.sourceFiles().isEmpty()) {
            sb.append(" from ").append(trainingData.sourceFiles());
        }
        sb.append(", ").append(trainingData.trainedOn()).append(", runtime-estimator ")
                .append(trainingData.libraryVersion()).append('\n');
        if (heldOut.rows() > 0) {
            sb.append(String.format(Locale.ROOT,
                    "held out (%s, %d rows): median APE %.1f%%, MAPE %.1f%%, within 25%% %.1f%%, MAE %.4g s"
                            + " (median step %.4g s)%n",
                    heldOut.split(), heldOut.rows(), 100 * heldOut.medianApe(), 100 * heldOut.mape(),
                    100 * heldOut.within25Percent(), heldOut.maeSeconds(), heldOut.medianMeasuredSeconds()));
        }
        sb.append(String.format(Locale.ROOT, "intervals: %.0f%% nominal; epoch overhead: +%.1f%% per step (%d rows)",
                100 * intervals.nominalCoverage(), 100 * epochOverhead.perStepFraction(), epochOverhead.rows()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "TrainedEstimator[" + label + "]";
    }

    /** Per-thread buffers of one estimator: raw features in feature-set order, standardized in model order. */
    private static final class Scratch {
        final double[] raw;
        final double[] model;

        Scratch(int rawFeatures, int modelFeatures) {
            raw = new double[rawFeatures];
            model = new double[modelFeatures];
        }
    }

    /**
     * Writes the {@code .rte} artifact (format {@value EstimatorArtifact#FORMAT_VERSION}: the manifest and the
     * compiled regressor; see {@link EstimatorArtifact}), through a temporary file of its own in the same folder
     * ({@link AtomicFiles}) moved into place atomically: a reader sees the old artifact or the new one.
     * Missing parent folders are created.
     *
     * @param file where to write the artifact
     * @throws IOException when the folder cannot be created or the file cannot be written
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = EstimatorArtifact.toBytes(this);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        AtomicFiles.write(file, bytes);
    }

    /** Assembles a {@link TrainedEstimator}; every part is required unless said otherwise. */
    public static final class Builder {
        private TrainerConfig config;
        private Map<String, String> resolvedHyperParameters;
        private FeatureExtractor features;
        private CompiledRegressor regressor;
        private EpochOverhead epochOverhead = EpochOverhead.none();
        private PredictionIntervals intervals = PredictionIntervals.none();
        private TrainingSummary trainingData;
        private HeldOutMetrics heldOut = HeldOutMetrics.none("not evaluated");
        private DescriptorInference descriptorInference = new DescriptorInference(
                DescriptorInference.DEFAULT_NEIGHBOURS, List.of());
        private OperatorModel operatorModel;
        private int rooflineVersion = StepRoofline.version();

        private Builder() {
        }

        /**
         * The roofline version a {@link Target#LOG_RATIO_TO_ROOFLINE} target was fitted against (optional: the
         * current one, {@link io.github.runtimeestimator.features.Roofline#VERSION}; an artifact supplies its own).
         *
         * @param value the roofline version
         * @return this builder
         */
        public Builder rooflineVersion(int value) {
            this.rooflineVersion = value;
            return this;
        }

        /**
         * The references it recognises renamed models by and infers descriptors from (optional: none).
         *
         * @param value the references, not null
         * @return this builder
         */
        public Builder descriptorInference(DescriptorInference value) {
            this.descriptorInference = Objects.requireNonNull(value, "descriptorInference");
            return this;
        }

        /**
         * How it was trained; its target must be the regressor's and its feature set the features'.
         *
         * @param value the trainer config
         * @return this builder
         */
        public Builder config(TrainerConfig value) {
            this.config = value;
            return this;
        }

        /**
         * Every hyper-parameter, defaults included (optional: the config's own when absent).
         *
         * @param value hyper-parameter values by name, or null for the config's own
         * @return this builder
         */
        public Builder resolvedHyperParameters(Map<String, String> value) {
            this.resolvedHyperParameters = value;
            return this;
        }

        /**
         * The feature set it extracts from a spec.
         *
         * @param value the feature extractor
         * @return this builder
         */
        public Builder features(FeatureExtractor value) {
            this.features = value;
            return this;
        }

        /**
         * The compiled regressor of one step's time, named {@value TrainedEstimator#STEP_REGRESSOR}.
         *
         * @param value the step-time regressor
         * @return this builder
         */
        public Builder stepRegressor(CompiledRegressor value) {
            this.regressor = value;
            return this;
        }

        /**
         * What an epoch adds to its steps (optional: none).
         *
         * @param value the epoch overhead
         * @return this builder
         */
        public Builder epochOverhead(EpochOverhead value) {
            this.epochOverhead = value;
            return this;
        }

        /**
         * The intervals it states (optional: none).
         *
         * @param value the prediction intervals
         * @return this builder
         */
        public Builder intervals(PredictionIntervals value) {
            this.intervals = value;
            return this;
        }

        /**
         * What it was trained on.
         *
         * @param value the training summary
         * @return this builder
         */
        public Builder trainingData(TrainingSummary value) {
            this.trainingData = value;
            return this;
        }

        /**
         * Its held-out scores (optional: none).
         *
         * @param value the held-out metrics
         * @return this builder
         */
        public Builder heldOut(HeldOutMetrics value) {
            this.heldOut = value;
            return this;
        }

        /**
         * The per-operator model stored with it (optional: none; null for none).
         *
         * @param value the per-operator model, or null for none
         * @return this builder
         */
        public Builder operatorModel(OperatorModel value) {
            this.operatorModel = value;
            return this;
        }

        /**
         * The estimator.
         *
         * @return the assembled estimator
         * @throws NullPointerException     naming a missing part
         * @throws IllegalArgumentException when the parts disagree (regressor name, feature set, target,
         *                                  hyper-parameters)
         */
        public TrainedEstimator build() {
            return new TrainedEstimator(this);
        }
    }
}
