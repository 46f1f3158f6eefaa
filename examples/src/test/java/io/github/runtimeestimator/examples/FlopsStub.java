package io.github.runtimeestimator.examples;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;

/**
 * A stand-in estimator with a known answer, so the scheduler's logic is tested without a trained model: one step
 * takes {@code passes x flopsPerSample x batch / (utilisation x peak)}, passes = 3 for training, 1 for inference;
 * bounds x0.8 and x1.25.
 */
final class FlopsStub implements RuntimeEstimator {
    private final double utilisation;

    FlopsStub(double utilisation) {
        this.utilisation = utilisation;
    }

    @Override
    public Estimate predict(WorkloadSpec spec) {
        HardwareSpec hw = spec.requireHardware();
        double passes = spec.job().phase().isTraining() ? 3 : 1;
        double step = passes * spec.model().flopsPerSample() * spec.job().batchSize()
                / (utilisation * hw.peakFlopsPerSecond(spec.precision()));
        long steps = spec.job().steps();
        return new Estimate(step * steps, 0.8 * step * steps, 1.25 * step * steps, step, steps, 0.8, describe());
    }

    @Override
    public String describe() {
        return "flops-stub(utilisation " + utilisation + ")";
    }
}
