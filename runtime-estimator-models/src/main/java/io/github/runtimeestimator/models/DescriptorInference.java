package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Structural descriptors for a model nobody described, from the models somebody did: the reference models (by
 * default every entry of the built-in model catalogue) with their leaf layers and activation elements.
 *
 * <p>A spec that gives only its name, family, parameters, FLOPs and input shape is matched to the {@link #neighbours}
 * references of its family nearest in (log10 parameters, log10 FLOPs per sample, log10 input elements) (all
 * references when its family has fewer): its leaf layers are the <em>fewest</em> of theirs, its activation elements
 * per sample the <em>least</em> their activations imply at its size (the smallest of their
 * {@code activations x sqrt(parameters) / FLOPs}, times its FLOPs over the square root of its parameters), its matmul
 * FLOPs the median matmul share times its FLOPs. The fewest layers and the least activation traffic, not the typical
 * ones: families mix shallow, wide networks and deep, narrow ones of the same size (AlexNet's 19 layers and RegNet's
 * 237 at equal FLOPs; ResNet-18's 7.5 million activations and RegNet-Y-1.6GF's 24 million at equal parameters and
 * FLOPs), and on a GPU at a small batch every layer is a kernel launch and every activation a memory round trip, so
 * a description too costly over-predicts by several times (an error a relative measure does not bound), while one
 * too cheap under-predicts by less than 100%. The measured effect is in {@code docs/accuracy-undescribed.md}.
 *
 * <p>{@link #byFigures} recognises a catalogued model under another name: a reference with the spec's input shape
 * whose parameters and FLOPs agree within {@value #FIGURES_TOLERANCE} (relative).
 *
 * <p>Stored in an estimator's artifact, so the same references serve training, evaluation and prediction;
 * evaluations that hold a model out leave it out of the references too. Immutable and thread-safe.
 *
 * @param neighbours how many references of the family an inference uses, at least 1
 * @param references the described models, in the order given
 */
public record DescriptorInference(@JsonProperty("neighbours") int neighbours,
                                  @JsonProperty("references") List<Reference> references) {

    /** Neighbours an inference uses by default. */
    public static final int DEFAULT_NEIGHBOURS = 3;
    /** Largest relative difference of parameters and of FLOPs at which a reference counts as the spec's model. */
    public static final double FIGURES_TOLERANCE = 0.01;

    /**
     * A described model.
     *
     * @param name                        its name
     * @param family                      its family
     * @param parameters                  its parameters
     * @param flopsPerSample              its forward FLOPs per sample
     * @param inputShape                  its input shape ({@code 3x224x224}, {@code 128}); may be empty
     * @param leafLayers                  its leaf layers
     * @param activationElementsPerSample its activation elements per sample
     * @param matmulFlopsPerSample        its matmul FLOPs per sample
     */
    public record Reference(@JsonProperty("name") String name,
                            @JsonProperty("family") String family,
                            @JsonProperty("parameters") long parameters,
                            @JsonProperty("flopsPerSample") double flopsPerSample,
                            @JsonProperty("inputShape") String inputShape,
                            @JsonProperty("leafLayers") long leafLayers,
                            @JsonProperty("activationElementsPerSample") double activationElementsPerSample,
                            @JsonProperty("matmulFlopsPerSample") double matmulFlopsPerSample) {

        /**
         * Validates the name and figures; fails with a SpecValidationException naming the field. A blank family
         * becomes {@link ModelSpec#UNKNOWN_FAMILY}, a null input shape empty.
         *
         * @param name                        its name
         * @param family                      its family
         * @param parameters                  its parameters
         * @param flopsPerSample              its forward FLOPs per sample
         * @param inputShape                  its input shape ({@code 3x224x224}, {@code 128}); may be empty
         * @param leafLayers                  its leaf layers
         * @param activationElementsPerSample its activation elements per sample
         * @param matmulFlopsPerSample        its matmul FLOPs per sample
         */
        public Reference {
            Checks.requiredText("references[].name", name);
            family = family == null || family.isBlank() ? ModelSpec.UNKNOWN_FAMILY : family;
            Checks.atLeast("references[].parameters", parameters, 1L);
            Checks.positive("references[].flopsPerSample", flopsPerSample);
            inputShape = inputShape == null ? "" : inputShape;
            Checks.atLeast("references[].leafLayers", leafLayers, 1L);
            Checks.positive("references[].activationElementsPerSample", activationElementsPerSample);
            Checks.nonNegative("references[].matmulFlopsPerSample", matmulFlopsPerSample);
        }

        /**
         * The reference of a spec that has leaf layers and activation elements; empty otherwise. Matmul FLOPs the
         * spec does not give are taken as all of its FLOPs.
         *
         * @param spec the described model
         * @return its reference, or empty
         */
        public static Optional<Reference> of(ModelSpec spec) {
            if (spec.leafLayers() == null || spec.activationElementsPerSample() == null) {
                return Optional.empty();
            }
            double matmul = spec.matmulFlopsPerSample() == null ? spec.flopsPerSample() : spec.matmulFlopsPerSample();
            return Optional.of(new Reference(spec.name(), spec.family(), spec.parameters(), spec.flopsPerSample(),
                    spec.inputShape(), spec.leafLayers(), spec.activationElementsPerSample(), matmul));
        }
    }

    /**
     * Validates {@code neighbours}; fails with a SpecValidationException naming the field. Null references are
     * none.
     *
     * @param neighbours how many references of the family an inference uses, at least 1
     * @param references the described models, in the order given
     */
    public DescriptorInference {
        Checks.atLeast("neighbours", neighbours, 1);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /**
     * The inference over every spec of {@code described} that has leaf layers and activation elements, with
     * {@link #DEFAULT_NEIGHBOURS} neighbours.
     *
     * @param described the candidate reference models
     * @return the inference
     */
    public static DescriptorInference from(Collection<ModelSpec> described) {
        List<Reference> refs = new ArrayList<>();
        for (ModelSpec m : described) {
            Reference.of(m).ifPresent(refs::add);
        }
        return new DescriptorInference(DEFAULT_NEIGHBOURS, refs);
    }

    /**
     * This inference without the references named in {@code names} (models an evaluation holds out).
     *
     * @param names the model names to leave out
     * @return a copy without those references
     */
    public DescriptorInference without(Collection<String> names) {
        return new DescriptorInference(neighbours, references.stream().filter(r -> !names.contains(r.name())).toList());
    }

    /**
     * Whether it has no reference to infer from.
     *
     * @return true when there are no references
     */
    @JsonIgnore
    public boolean isEmpty() {
        return references.isEmpty();
    }

    /**
     * The spec with the descriptors of the reference it is under another name (same input shape, parameters and
     * FLOPs within {@value #FIGURES_TOLERANCE}); empty when none is.
     *
     * @param spec the model to recognise
     * @return the spec with the matching reference's descriptors, or empty
     */
    public Optional<ModelSpec> byFigures(ModelSpec spec) {
        for (Reference r : references) {
            if (r.inputShape().equals(spec.inputShape()) && close(r.parameters(), spec.parameters())
                    && close(r.flopsPerSample(), spec.flopsPerSample())) {
                return Optional.of(spec.toBuilder().leafLayers(r.leafLayers())
                        .activationElementsPerSample(r.activationElementsPerSample())
                        .matmulFlopsPerSample(Math.min(1.0, r.matmulFlopsPerSample() / r.flopsPerSample())
                                * spec.flopsPerSample())
                        .build());
            }
        }
        return Optional.empty();
    }

    private static boolean close(double reference, double value) {
        return Math.abs(reference - value) <= FIGURES_TOLERANCE * reference;
    }

    /**
     * The spec with inferred leaf layers, activation elements and matmul FLOPs (see the class comment).
     *
     * @param spec the undescribed model
     * @return the spec with its inferred descriptors
     * @throws SpecValidationException when there are no references
     */
    public ModelSpec infer(ModelSpec spec) {
        if (references.isEmpty()) {
            throw new SpecValidationException("model", spec.name(), "cannot be described: the estimator holds no"
                    + " reference models to infer descriptors from");
        }
        double[] at = position(spec.parameters(), spec.flopsPerSample(), spec.inputShape());
        List<Reference> pool = references.stream().filter(r -> r.family().equals(spec.family())).toList();
        if (pool.size() < neighbours) {
            pool = references;
        }
        List<Reference> nearest = pool.stream()
                .sorted(Comparator.comparingDouble((Reference r) -> distance(at, r)).thenComparing(Reference::name))
                .limit(neighbours).toList();
        long leaf = nearest.stream().mapToLong(Reference::leafLayers).min().orElseThrow();
        double activationRatio = nearest.stream().mapToDouble(DescriptorInference::activationRatio).min()
                .orElseThrow();
        double matmulShare = median(nearest.stream()
                .mapToDouble(r -> Math.min(1.0, r.matmulFlopsPerSample() / r.flopsPerSample())).toArray());
        return spec.toBuilder().leafLayers(leaf)
                .activationElementsPerSample(activationRatio * spec.flopsPerSample()
                        / Math.sqrt(spec.parameters()))
                .matmulFlopsPerSample(matmulShare * spec.flopsPerSample()).build();
    }

    /**
     * {@code activations x sqrt(parameters) / FLOPs}: a layer of width {@code c} holds about {@code c^2} weights
     * and does {@code c^2} multiply-adds per activation it writes, so activations go as FLOPs / sqrt(parameters)
     * within a shape of network (the collector's small CNNs: 1.8 to 2.0 from 24 thousand to 1.5 million
     * parameters, where activations per FLOP fall 7-fold).
     */
    private static double activationRatio(Reference r) {
        return r.activationElementsPerSample() * Math.sqrt(r.parameters()) / r.flopsPerSample();
    }

    private static double distance(double[] at, Reference r) {
        double[] p = position(r.parameters(), r.flopsPerSample(), r.inputShape());
        double d = 0;
        for (int i = 0; i < p.length; i++) {
            d += (p[i] - at[i]) * (p[i] - at[i]);
        }
        return d;
    }

    /** (log10 parameters, log10 FLOPs, log10 input elements); an input shape that is not a product of sizes is 0. */
    static double[] position(long parameters, double flops, String inputShape) {
        return new double[] {Math.log10(parameters), Math.log10(flops), log10InputElements(inputShape)};
    }

    /** log10 of the product of the sizes in {@code 3x224x224}; 0 when empty or not sizes. */
    static double log10InputElements(String inputShape) {
        if (inputShape == null || inputShape.isBlank()) {
            return 0;
        }
        double sum = 0;
        for (String part : inputShape.split("x")) {
            try {
                double v = Double.parseDouble(part.trim());
                if (!(v >= 1) || Double.isInfinite(v)) {
                    return 0;
                }
                sum += Math.log10(v);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return sum;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
