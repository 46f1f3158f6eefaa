package io.github.runtimeestimator.core;

/**
 * Activation elements of one sample (the outputs of every leaf layer, {@link ModelSpec#activationElementsPerSample()}),
 * and what stands in for them when a model does not describe them: the one home of that fallback.
 *
 * <p>{@link #perSample(ModelSpec)} is the descriptor, else {@code flopsPerSample /}
 * {@value #FLOPS_PER_ELEMENT_WITHOUT_DESCRIPTOR}. Of the 105 catalogued models with a measured leaf-output
 * descriptor, {@code flopsPerSample / 300} has a median ratio of 1.28 to the descriptor and is within a factor 2.44
 * for half of them. The planner's activation memory ({@code planner.MemoryEstimator}) and the roofline's activation
 * traffic ({@code features.Roofline}, feature set {@code physics} v3) both read it.
 *
 * <p>Feature set {@code physics} v2 defined its traffic with another proxy (a fan-in guess, low by a median factor
 * 0.38 on the same models). That definition is kept, frozen, only so that estimators trained on it still load and
 * answer as they were trained to ({@code features.internal.RooflineV2}); nothing new reads it.
 */
public final class ActivationElements {
    /** FLOPs per sample for each activation element, for a model without an activation descriptor. */
    public static final double FLOPS_PER_ELEMENT_WITHOUT_DESCRIPTOR = 300.0;

    private ActivationElements() {
    }

    /**
     * Activation elements of one sample of {@code model}: its descriptor when it has one, else
     * {@code flopsPerSample /} {@value #FLOPS_PER_ELEMENT_WITHOUT_DESCRIPTOR}.
     *
     * @param model the model
     * @return elements per sample, finite and positive for a valid model
     */
    public static double perSample(ModelSpec model) {
        Double known = model.activationElementsPerSample();
        return known != null ? known : model.flopsPerSample() / FLOPS_PER_ELEMENT_WITHOUT_DESCRIPTOR;
    }
}
