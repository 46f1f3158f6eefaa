package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;

/**
 * The tests' stand-in estimator, with a known answer, for the planner's tests and (through this module's test-jar)
 * the examples': one step takes {@code overheadSecondsPerStep + passes x flopsPerSample x batch / (utilisation x
 * peak)}, passes = 3 for training (forward + backward), 1 for inference; the job is steps times that; bounds are
 * x0.8 and x1.25. Hardware whose id starts with "broken" makes it throw, as a real estimator may, and a question
 * about more than one device fails the test: the planner asks about one.
 */
public final class FlopsStubEstimator implements RuntimeEstimator {
    private final double overheadSecondsPerStep;
    private final double utilisation;

    /** @param overheadSecondsPerStep seconds added to every step, at the device's full peak */
    public FlopsStubEstimator(double overheadSecondsPerStep) {
        this(overheadSecondsPerStep, 1.0);
    }

    /**
     * @param overheadSecondsPerStep seconds added to every step
     * @param utilisation            the share of the device's peak the FLOPs run at, in (0, 1]
     */
    public FlopsStubEstimator(double overheadSecondsPerStep, double utilisation) {
        this.overheadSecondsPerStep = overheadSecondsPerStep;
        this.utilisation = utilisation;
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
                + passes * spec.model().flopsPerSample() * spec.job().batchSize()
                / (utilisation * hw.peakFlopsPerSecond(spec.precision()));
        long steps = spec.job().steps();
        double s = step * steps;
        return new Estimate(s, s * 0.8, s * 1.25, step, steps, 0.8, describe());
    }

    @Override
    public String describe() {
        return utilisation == 1.0 ? "flops-stub" : "flops-stub(utilisation " + utilisation + ")";
    }
}
