package io.github.runtimeestimator.core;

/**
 * Activation elements of one sample (the outputs of every leaf layer, {@link ModelSpec#activationElementsPerSample()}),
 * and what stands in for them when a model does not describe them: the one home of that fallback.
 *
 * <ul>
 *   <li>{@link #perSample(ModelSpec)}: the descriptor, else {@code flopsPerSample /}
 *       {@value #FLOPS_PER_ELEMENT_WITHOUT_DESCRIPTOR}. The planner's activation memory
 *       ({@code planner.MemoryEstimator}) uses it, and so should any new reader. Of the 105 catalogued models with a
 *       measured leaf-output descriptor, {@code flopsPerSample / 300} has a median ratio of 1.28 to the descriptor
 *       and is within a factor 2.44 for half of them.</li>
 *   <li>{@link #physicsV2PerSample(ModelSpec)}: the descriptor, else the fan-in proxy
 *       {@code flopsPerSample / (2 x min(sqrt(parameters),} {@value #PHYSICS_V2_REFERENCE_FAN_IN}{@code ))}, which
 *       the roofline's activation traffic of feature set {@code physics} v2 ({@code features.Roofline}) is defined
 *       with. It is low by a median factor 0.38 on the same models, but it is part of that feature set's
 *       definition: estimators trained on {@code physics} v2 (an artifact without descriptor inference, on a model
 *       the catalogue does not know) answer differently when it changes. The next version of the feature set moves
 *       to {@link #perSample(ModelSpec)}; the shipped estimator never reaches either fallback on the dataset rows,
 *       described or not.</li>
 * </ul>
 */
public final class ActivationElements {
    /** FLOPs per sample for each activation element, for a model without an activation descriptor. */
    public static final double FLOPS_PER_ELEMENT_WITHOUT_DESCRIPTOR = 300.0;

    /** The typical layer fan-in of {@link #physicsV2PerSample(ModelSpec)}'s proxy. */
    public static final double PHYSICS_V2_REFERENCE_FAN_IN = 512;

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

    /**
     * Activation elements of one sample as feature set {@code physics} v2 defines them: the descriptor, else
     * {@code flopsPerSample / (2 x min(sqrt(parameters),} {@value #PHYSICS_V2_REFERENCE_FAN_IN}{@code ))} (a matmul or
     * convolution does 2 x fan-in FLOPs per output element).
     *
     * @param model the model
     * @return elements per sample, finite and positive for a valid model
     */
    public static double physicsV2PerSample(ModelSpec model) {
        Double known = model.activationElementsPerSample();
        if (known != null) {
            return known;
        }
        double fanIn = Math.min(Math.sqrt((double) model.parameters()), PHYSICS_V2_REFERENCE_FAN_IN);
        return model.flopsPerSample() / (2.0 * fanIn);
    }
}
