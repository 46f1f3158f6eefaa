package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.Roofline;
import io.github.runtimeestimator.features.internal.RooflineV2;

/**
 * The baseline of {@link io.github.runtimeestimator.models.Target#LOG_RATIO_TO_ROOFLINE}: the roofline of the step,
 * the larger of its compute time and memory time at the device's datasheet peaks, in the version the estimator was
 * fitted against ({@code rooflineVersion} in its artifact): {@link Roofline} (v3) for everything trained now,
 * {@link RooflineV2} for artifacts fitted before v3.
 */
public final class StepRoofline {
    private StepRoofline() {
    }

    /** The version training fits against: {@link Roofline#VERSION}. */
    public static int version() {
        return Roofline.VERSION;
    }

    /** Whether this library computes roofline {@code version}. */
    public static boolean computes(int version) {
        return version == Roofline.VERSION || version == RooflineV2.VERSION;
    }

    /** The step's roofline in the current version. */
    public static double seconds(WorkloadSpec step) {
        return Roofline.rooflineSeconds(step);
    }

    /**
     * The step's roofline in {@code version}.
     *
     * @throws SpecValidationException when this library does not compute that version
     */
    public static double seconds(WorkloadSpec step, int version) {
        if (version == Roofline.VERSION) {
            return Roofline.rooflineSeconds(step);
        }
        if (version == RooflineV2.VERSION) {
            return RooflineV2.rooflineSeconds(step);
        }
        throw new SpecValidationException("rooflineVersion", version, "must be " + RooflineV2.VERSION + " or "
                + Roofline.VERSION);
    }
}
