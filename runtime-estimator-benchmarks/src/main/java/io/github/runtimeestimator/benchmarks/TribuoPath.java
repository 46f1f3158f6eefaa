package io.github.runtimeestimator.benchmarks;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.models.PhaseInterval;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.internal.StepRoofline;
import io.github.runtimeestimator.training.internal.TribuoStepModel;

/**
 * The baseline the compiled path is measured against: an estimator predicting each step through its Tribuo
 * model (XGBoost through its native booster, k-NN with Tribuo 4.3.2's combiner), composed into epochs and jobs
 * and bounded exactly as {@link TrainedEstimator} does. Benchmarks only: estimators never predict this way.
 */
final class TribuoPath implements RuntimeEstimator {
    private final TrainedEstimator estimator;
    private final TribuoStepModel model;

    TribuoPath(TrainedEstimator estimator, TribuoStepModel model) {
        this.estimator = estimator;
        this.model = model;
    }

    @Override
    public Estimate predict(WorkloadSpec spec) {
        JobSpec job = spec.job();
        WorkloadSpec step = spec.withJob(job.asSingleStep());
        double[] features = estimator.featureSet().extract(step).values();
        double baseline = model.target() == Target.LOG_RATIO_TO_ROOFLINE ? StepRoofline.seconds(step) : 1.0;
        double stepSeconds = model.predictSeconds(features, baseline);
        PhaseInterval interval = estimator.intervals().forPhase(job.phase());
        double low = interval.lowerSeconds(stepSeconds);
        double high = interval.upperSeconds(stepSeconds);
        double seconds = stepSeconds;
        double lower = low;
        double upper = high;
        if (job.phase() != Phase.INFER && job.phase() != Phase.TRAIN_STEP) {
            long perEpoch = job.stepsPerEpoch();
            int epochs = job.phase() == Phase.TRAIN_JOB ? job.epochs() : 1;
            seconds = epochs * estimator.epochOverhead().epochSeconds(perEpoch, stepSeconds);
            lower = Math.min(seconds, epochs * estimator.epochOverhead().epochSeconds(perEpoch, low));
            upper = Math.max(seconds, epochs * estimator.epochOverhead().epochSeconds(perEpoch, high));
        }
        return new Estimate(seconds, lower, upper, stepSeconds, job.steps(),
                estimator.intervals().coverageFor(job.phase()), "tribuo");
    }
}
