package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;

/**
 * The baseline a {@link Target} is relative to, in one place for training, calibration and prediction: the step's
 * roofline ({@link StepRoofline}) for {@link Target#LOG_RATIO_TO_ROOFLINE}, its operator sum (read back from the
 * {@code opgraph} feature vector, so it is computed once) for {@link Target#LOG_RATIO_TO_OPERATOR_SUM}, and 1 for
 * the targets without one.
 */
public final class StepBaseline {
    private StepBaseline() {
    }

    /**
     * @param features        the feature set {@code vector} was extracted with
     * @param vector          the step's features
     * @param step            the step (one inference batch or optimizer step)
     * @param rooflineVersion the roofline version a {@link Target#LOG_RATIO_TO_ROOFLINE} target is fitted against
     * @throws IllegalArgumentException when the target is the operator sum and {@code features} is not an
     *                                  {@code opgraph} set
     */
    public static double seconds(Target target, FeatureExtractor features, double[] vector, WorkloadSpec step,
                                 int rooflineVersion) {
        switch (target) {
            case LOG_RATIO_TO_ROOFLINE:
                return StepRoofline.seconds(step, rooflineVersion);
            case LOG_RATIO_TO_OPERATOR_SUM:
                if (!(features instanceof OperatorGraphFeatures ops)) {
                    throw new IllegalArgumentException("target: " + target + " needs feature set "
                            + OperatorGraphFeatures.ID + ", not " + features.id());
                }
                return ops.sumSeconds(vector);
            default:
                return 1.0;
        }
    }
}
