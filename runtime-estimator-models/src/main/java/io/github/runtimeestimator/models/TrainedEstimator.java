package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An estimator trained from measurements: a regressor of one step's time, composed into epochs and jobs
 * ({@code ceil(datasetSize / batchSize)} steps per epoch plus the measured per-epoch overhead), with bounds
 * from its held-out residuals.
 *
 * <p>Immutable and safe to share between threads: every field is final and never changes after construction;
 * the only per-call state is a per-thread scratch buffer. {@link #save(Path)} writes it as a {@code .rte}
 * artifact; {@link RuntimeEstimator#load(Path)} reads it back and predicts exactly the same values.
 *
 * <p>Every estimate carries its energy upper bound ({@link Estimate#energyUpperBoundJoules()}: the job's seconds x
 * the hardware's board power x devices), unknown when the hardware has no board power figure.
 *
 * <p>Tree ensembles and k-NN are compiled into pure-Java evaluators when the estimator is built (after
 * training and on load): no native call, no lock and no allocation per prediction besides the returned
 * {@link Estimate}. {@link #tribuoNative()} predicts through the Tribuo model instead (the reference).
 */
public final class TrainedEstimator implements RuntimeEstimator {
    private final TrainerConfig config;
    private final FeatureExtractor features;
    private final StepRegressor regressor;
    private final EpochOverhead epochOverhead;
    private final PredictionIntervals intervals;
    private final TrainingSummary trainingData;
    private final HeldOutMetrics heldOut;
    private final String label;
    private final ThreadLocal<Scratch> scratch;

    TrainedEstimator(TrainerConfig config, FeatureExtractor features, StepRegressor regressor,
                     EpochOverhead epochOverhead, PredictionIntervals intervals, TrainingSummary trainingData,
                     HeldOutMetrics heldOut) {
        this.config = Objects.requireNonNull(config, "config");
        this.features = Objects.requireNonNull(features, "features");
        this.regressor = Objects.requireNonNull(regressor, "regressor");
        this.epochOverhead = Objects.requireNonNull(epochOverhead, "epochOverhead");
        this.intervals = Objects.requireNonNull(intervals, "intervals");
        this.trainingData = Objects.requireNonNull(trainingData, "trainingData");
        this.heldOut = Objects.requireNonNull(heldOut, "heldOut");
        this.label = config.trainer() + "/" + features.id() + " v" + features.version();
        int raw = features.names().size();
        int model = regressor.modelFeatureCount();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(raw, model));
    }

    /**
     * The same estimator predicting through the Tribuo model rather than the compiled evaluator: XGBoost
     * through its native booster (serialised by a lock), k-NN with Tribuo 4.3.2's combiner (which returns the
     * k-th neighbour's target, not the mean). Slow; meant for equality tests and benchmark baselines.
     */
    public TrainedEstimator tribuoNative() {
        return new TrainedEstimator(config, features, regressor.tribuoNative(), epochOverhead, intervals,
                trainingData, heldOut);
    }

    @Override
    public Estimate predict(WorkloadSpec spec) {
        Objects.requireNonNull(spec, "spec");
        WorkloadSpec step = stepOf(spec);
        Scratch s = scratch.get();
        featuresInto(step, s.raw);
        return compose(spec, regressor.predictSeconds(s.raw, baseline(step), s.model));
    }

    /**
     * Predicts many specs; the same values as {@link #predict} one by one. Compiled estimators loop over
     * {@link #predict}; the Tribuo path makes one batch call to the regressor.
     */
    @Override
    public List<Estimate> predictAll(List<WorkloadSpec> specs) {
        Objects.requireNonNull(specs, "specs");
        if (regressor.isCompiled()) {
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
        double[][] rows = new double[specs.size()][];
        double[] baselines = new double[specs.size()];
        for (int i = 0; i < rows.length; i++) {
            WorkloadSpec step = stepOf(Objects.requireNonNull(specs.get(i), "specs[" + i + "]"));
            rows[i] = featuresOf(step);
            baselines[i] = baseline(step);
        }
        double[] seconds = rows.length == 0 ? new double[0] : regressor.predictSeconds(rows, baselines);
        List<Estimate> out = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            out.add(compose(specs.get(i), seconds[i]));
        }
        return out;
    }

    /** Predicted seconds of one step (or inference batch) of {@code spec}, without bounds. */
    public double predictStepSeconds(WorkloadSpec spec) {
        WorkloadSpec step = stepOf(spec);
        Scratch s = scratch.get();
        featuresInto(step, s.raw);
        return regressor.predictSeconds(s.raw, baseline(step), s.model);
    }

    /**
     * Predicted seconds of one step from a feature vector in {@link #featureSet()} order (for feature-level
     * permutation importance). {@code step} supplies only the roofline baseline when the target is
     * {@link Target#LOG_RATIO_TO_ROOFLINE}; otherwise it is not read.
     */
    public double predictStepSecondsFromFeatures(double[] features, WorkloadSpec step) {
        if (features.length != this.features.names().size()) {
            throw new IllegalArgumentException("features has " + features.length + " values, feature set "
                    + this.features.id() + " has " + this.features.names().size());
        }
        double baseline = config.target() == Target.LOG_RATIO_TO_ROOFLINE ? baseline(stepOf(step)) : 1.0;
        return regressor.predictSeconds(features, baseline);
    }

    private static WorkloadSpec stepOf(WorkloadSpec spec) {
        spec.requireHardware();
        JobSpec job = spec.job();
        JobSpec stepJob = job.asSingleStep();
        return stepJob == job ? spec : spec.withJob(stepJob);
    }

    private double baseline(WorkloadSpec step) {
        return config.target() == Target.LOG_RATIO_TO_ROOFLINE ? StepRoofline.seconds(step) : 1.0;
    }

    private double[] featuresOf(WorkloadSpec step) {
        double[] f = new double[features.names().size()];
        featuresInto(step, f);
        return f;
    }

    private void featuresInto(WorkloadSpec step, double[] f) {
        features.extractInto(step, f);
        for (int j = 0; j < f.length; j++) {
            if (!Double.isFinite(f[j])) {
                throw new IllegalStateException("feature " + features.names().get(j) + " of " + features.id()
                        + " is " + f[j] + " for model " + step.model().name() + ": cannot estimate");
            }
        }
    }

    private Estimate compose(WorkloadSpec spec, double stepSeconds) {
        JobSpec job = spec.job();
        PhaseInterval interval = intervals.forPhase(job.phase());
        double low = interval.lowerSeconds(stepSeconds);
        double high = interval.upperSeconds(stepSeconds);
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
        return new Estimate(seconds, lower, upper, stepSeconds, steps, intervals.coverageFor(job.phase()), label,
                spec.hardware().energyUpperBoundJoules(seconds));
    }

    /** The configuration it was trained with, every hyper-parameter resolved (defaults included). */
    public TrainerConfig config() {
        return config;
    }

    /** The feature set it reads. */
    public FeatureExtractor featureSet() {
        return features;
    }

    /** What it was trained on. */
    public TrainingSummary trainingData() {
        return trainingData;
    }

    /** Its trainer's scores on held-out step rows (internal K-fold grouped by model). */
    public HeldOutMetrics heldOutMetrics() {
        return heldOut;
    }

    /** The intervals it states. */
    public PredictionIntervals intervals() {
        return intervals;
    }

    /** The per-epoch overhead it adds to an epoch's steps. */
    public EpochOverhead epochOverhead() {
        return epochOverhead;
    }

    StepRegressor regressor() {
        return regressor;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(config.trainer()).append(' ').append(config.hyperParameters())
                .append(" on feature set ").append(features.id()).append(" v").append(features.version())
                .append(", target ").append(config.target().name().toLowerCase(Locale.ROOT))
                .append(", seed ").append(config.seed()).append('\n');
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

    /** Writes the {@code .rte} artifact: a zip of {@code manifest.json} and the Tribuo model in protobuf form. */
    public void save(Path file) throws IOException {
        EstimatorArtifact.write(this, file);
    }
}
