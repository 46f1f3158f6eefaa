package io.github.runtimeestimator.features.internal;

import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.Roofline;

/**
 * Roofline v2, frozen: the arithmetic of {@link Roofline} (v3) with one difference, the activation elements of a
 * model that does not describe them. v2 guessed them from a layer fan-in, {@code flopsPerSample / (2 x
 * min(sqrt(parameters),} {@value #REFERENCE_FAN_IN}{@code ))} (a matmul or convolution does 2 x fan-in FLOPs per
 * output element); on the 105 catalogued models with a measured descriptor that is low by a median factor 0.38, so
 * v3 moved to {@link io.github.runtimeestimator.core.ActivationElements#perSample(ModelSpec)}, the planner's
 * fallback. v2's ratio-target baseline ({@link #rooflineSeconds}) also never read the model catalogue, where v3's
 * takes a catalogued model's measured activations, as the {@code physics} features always did.
 *
 * <p>Only artifacts trained on feature set {@code physics} v2, {@code opgraph} v1 or a roofline-ratio target of
 * roofline v2 read this, so that they keep answering as they were trained to. Nothing new may.
 */
public final class RooflineV2 {
    /** The version this class computes. */
    public static final int VERSION = 2;

    /** The typical layer fan-in of the proxy. */
    static final double REFERENCE_FAN_IN = 512;

    private RooflineV2() {
    }

    /**
     * Activation elements of one sample as v2 defines them: the model's descriptor, else the fan-in proxy.
     *
     * @param model the model
     * @return elements per sample
     */
    public static double activationElementsPerSample(ModelSpec model) {
        Double known = model.activationElementsPerSample();
        if (known != null) {
            return known;
        }
        double fanIn = Math.min(Math.sqrt((double) model.parameters()), REFERENCE_FAN_IN);
        return model.flopsPerSample() / (2.0 * fanIn);
    }

    /**
     * The roofline bound of one step as v2's ratio target took it: with v2's activation elements, not the
     * catalogue's (v3 takes the catalogue's, as the features do).
     *
     * @param spec the workload; its hardware is required
     * @return the bound, in seconds
     */
    public static double rooflineSeconds(WorkloadSpec spec) {
        return Roofline.rooflineSeconds(spec, activationElementsPerSample(spec.model()));
    }
}
