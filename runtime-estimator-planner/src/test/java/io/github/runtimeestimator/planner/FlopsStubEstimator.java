package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;

/**
 * A stub with a known answer: one step takes {@code overheadSecondsPerStep + passes x flopsPerSample x batch / peak},
 * passes = 3 for training (forward + backward), 1 for inference; the job is steps times that; bounds are
 * x0.8 and x1.25. Hardware whose id starts with "broken" makes it throw, as a real estimator may.
 */
final class FlopsStubEstimator implements RuntimeEstimator {
    private final double overheadSecondsPerStep;

    FlopsStubEstimator(double overheadSecondsPerStep) {
        this.overheadSecondsPerStep = overheadSecondsPerStep;
    }

    @Override
    public Estimate predict(WorkloadSpec spec) {
        HardwareSpec hw = spec.requireHardware();
        if (hw.id().startsWith("broken")) {
            throw new IllegalArgumentException("no feature values for hardware " + hw.id());
        }
        if (hw.deviceCount() != 1) {
            throw new AssertionError("the planner must ask for one device, got " + hw.deviceCount());
        }
        double passes = spec.job().phase().isTraining() ? 3 : 1;
        double step = overheadSecondsPerStep
                + passes * spec.model().flopsPerSample() * spec.job().batchSize() / hw.peakFlopsPerSecond(spec.precision());
        long steps = spec.job().steps();
        double s = step * steps;
        return new Estimate(s, s * 0.8, s * 1.25, step, steps, 0.8, describe());
    }

    @Override
    public String describe() {
        return "flops-stub";
    }
}
