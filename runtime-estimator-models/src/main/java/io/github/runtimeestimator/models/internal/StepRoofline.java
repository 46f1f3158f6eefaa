package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.features.Roofline;

/**
 * The baseline of {@link io.github.runtimeestimator.models.Target#LOG_RATIO_TO_ROOFLINE}: {@link Roofline#rooflineSeconds(WorkloadSpec)} of the
 * step, the larger of its compute time and memory time at the device's datasheet peaks. The arithmetic belongs
 * to the physics feature set, so its version stands for the roofline's: an artifact fitted against another
 * version is refused.
 */
public final class StepRoofline {
    private StepRoofline() {
    }

    public static int version() {
        return FeatureSets.physics().version();
    }

    public static double seconds(WorkloadSpec step) {
        return Roofline.rooflineSeconds(step);
    }
}
