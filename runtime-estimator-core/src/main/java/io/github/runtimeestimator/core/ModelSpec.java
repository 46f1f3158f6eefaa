package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import io.github.runtimeestimator.core.internal.Checks;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The model being run.
 *
 * <p>FLOPs convention: one multiply-add counts as 2 FLOPs, and {@code flopsPerSample} counts the forward pass
 * of one sample only (as PyTorch's {@code FlopCounterMode} does); the backward pass is not included.
 *
 * <p>The three trailing descriptors are optional (null when unknown) and richer than the study's inputs; the
 * collector's {@code describe} command prints them, and the physics feature set uses them when present.
 * New optional descriptors are added through the {@link Builder}, so callers that use it never break.
 *
 * <p>A spec may carry the model's {@link OperatorGraph} (the operators of one sample's forward pass); one without
 * behaves exactly as before graphs existed. The spec's own {@code parameters} and {@code flopsPerSample} stay the
 * figures every estimator uses; a graph does not override them ({@link #fromGraph} derives them from one).
 *
 * @param name                         model name ({@code resnet50})
 * @param family                       architecture family ({@code cnn}, {@code transformer}, ...); "unknown" if not given
 * @param parameters                   trainable parameters, at least 1
 * @param flopsPerSample               forward FLOPs of one sample, finite and > 0
 * @param inputShape                   one sample's input ({@code 3x224x224}, {@code 128}); may be empty
 * @param leafLayers                   number of leaf modules (layers), or null
 * @param activationElementsPerSample  output elements of all leaf layers for one sample, or null
 * @param matmulFlopsPerSample         the part of {@code flopsPerSample} spent in matmuls and convolutions, or null
 * @param graph                        the model's operator graph, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(
        @JsonProperty("name") String name,
        @JsonProperty("family") String family,
        @JsonProperty(value = "parameters", required = true) long parameters,
        @JsonProperty(value = "flopsPerSample", required = true) double flopsPerSample,
        @JsonProperty("inputShape") String inputShape,
        @JsonProperty("leafLayers") Long leafLayers,
        @JsonProperty("activationElementsPerSample") Double activationElementsPerSample,
        @JsonProperty("matmulFlopsPerSample") Double matmulFlopsPerSample,
        @JsonProperty("graph") OperatorGraph graph) {

    /** The family of a spec that gives none. */
    public static final String UNKNOWN_FAMILY = "unknown";

    /**
     * Validates the figures; fails with a SpecValidationException naming the field. The name is not blank,
     * {@code parameters} at least 1, {@code flopsPerSample} finite and above 0. A given leaf-layer count is at least
     * 1, a given activation count above 0, and given matmul FLOPs are 0 or more and at most {@code flopsPerSample}.
     * A null or blank family becomes {@value #UNKNOWN_FAMILY}; a null input shape becomes empty.
     *
     * @param name                        model name ({@code resnet50}); not blank
     * @param family                      architecture family; null or blank for {@value #UNKNOWN_FAMILY}
     * @param parameters                  trainable parameters, at least 1
     * @param flopsPerSample              forward FLOPs of one sample, finite and &gt; 0
     * @param inputShape                  one sample's input ({@code 3x224x224}); null becomes empty
     * @param leafLayers                  number of leaf modules (layers), at least 1, or null
     * @param activationElementsPerSample output elements of all leaf layers for one sample, &gt; 0, or null
     * @param matmulFlopsPerSample        the part of {@code flopsPerSample} spent in matmuls and convolutions, or null
     * @param graph                       the model's operator graph, or null
     */
    public ModelSpec {
        Checks.requiredText("model.name", name);
        family = family == null || family.isBlank() ? UNKNOWN_FAMILY : family;
        Checks.atLeast("model.parameters", parameters, 1L);
        Checks.positive("model.flopsPerSample", flopsPerSample);
        inputShape = inputShape == null ? "" : inputShape;
        if (leafLayers != null) {
            Checks.atLeast("model.leafLayers", leafLayers, 1L);
        }
        if (activationElementsPerSample != null) {
            Checks.positive("model.activationElementsPerSample", activationElementsPerSample);
        }
        if (matmulFlopsPerSample != null) {
            Checks.nonNegative("model.matmulFlopsPerSample", matmulFlopsPerSample);
            if (matmulFlopsPerSample > flopsPerSample * (1 + 1e-9)) {
                throw new SpecValidationException("model.matmulFlopsPerSample", matmulFlopsPerSample,
                        "must not exceed model.flopsPerSample (" + flopsPerSample + ")");
            }
        }
    }

    /**
     * A spec without a graph (the constructor of the version before graphs).
     *
     * @param name                        model name ({@code resnet50}); not blank
     * @param family                      architecture family; null or blank for {@value #UNKNOWN_FAMILY}
     * @param parameters                  trainable parameters, at least 1
     * @param flopsPerSample              forward FLOPs of one sample, finite and &gt; 0
     * @param inputShape                  one sample's input ({@code 3x224x224}); null becomes empty
     * @param leafLayers                  number of leaf modules (layers), at least 1, or null
     * @param activationElementsPerSample output elements of all leaf layers for one sample, &gt; 0, or null
     * @param matmulFlopsPerSample        the part of {@code flopsPerSample} spent in matmuls and convolutions, or null
     */
    public ModelSpec(String name, String family, long parameters, double flopsPerSample, String inputShape,
                     Long leafLayers, Double activationElementsPerSample, Double matmulFlopsPerSample) {
        this(name, family, parameters, flopsPerSample, inputShape, leafLayers, activationElementsPerSample,
                matmulFlopsPerSample, null);
    }

    /**
     * A builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The spec of a model described by its graph: parameters are the graph's weights, {@code flopsPerSample} and
     * {@code matmulFlopsPerSample} its matrix-product FLOPs (the convention of PyTorch's {@code FlopCounterMode},
     * which {@code flopsPerSample} follows), the input shape the graph's; no leaf-layer or activation descriptors.
     *
     * @param name   model name; not blank
     * @param family architecture family, or null
     * @param graph  the graph; required, with at least one weight and one matrix product
     * @return the spec, carrying {@code graph}
     * @throws SpecValidationException when the graph is missing, has no weights or no matrix-product FLOPs, or
     *                                 the name is blank
     */
    public static ModelSpec fromGraph(String name, String family, OperatorGraph graph) {
        Checks.required("model.graph", graph);
        if (graph.weights() < 1) {
            throw new SpecValidationException("model.graph", graph.toString(),
                    "has no weights: a model spec needs at least one parameter");
        }
        if (!(graph.matmulFlopsPerSample() > 0)) {
            throw new SpecValidationException("model.graph", graph.toString(),
                    "has no matrix products: flopsPerSample (matmul FLOPs, as FlopCounterMode) would be 0");
        }
        return builder().name(name).family(family).parameters(graph.weights())
                .flopsPerSample(graph.matmulFlopsPerSample()).matmulFlopsPerSample(graph.matmulFlopsPerSample())
                .inputShape(graph.inputShape()).graph(graph).build();
    }

    /**
     * A builder holding this spec's figures, to make a changed copy.
     *
     * @return a new builder set to this spec
     */
    public Builder toBuilder() {
        return new Builder().name(name).family(family).parameters(parameters).flopsPerSample(flopsPerSample)
                .inputShape(inputShape).leafLayers(leafLayers).activationElementsPerSample(activationElementsPerSample)
                .matmulFlopsPerSample(matmulFlopsPerSample).graph(graph);
    }

    /**
     * This spec with {@code graph} (null: without one).
     *
     * @param graph the graph, or null
     * @return a copy with {@code graph} set
     */
    public ModelSpec withGraph(OperatorGraph graph) {
        return new ModelSpec(name, family, parameters, flopsPerSample, inputShape, leafLayers,
                activationElementsPerSample, matmulFlopsPerSample, graph);
    }

    /**
     * The model's operator graph, when the spec carries one.
     *
     * @return the graph, or empty
     */
    @JsonIgnore
    public Optional<OperatorGraph> operatorGraph() {
        return Optional.ofNullable(graph);
    }

    /**
     * The number of leaf layers, when known.
     *
     * @return the count, or empty
     */
    @JsonIgnore
    public OptionalLong leafLayerCount() {
        return leafLayers == null ? OptionalLong.empty() : OptionalLong.of(leafLayers);
    }

    /**
     * Output elements of all leaf layers for one sample, when known.
     *
     * @return the count, or empty
     */
    @JsonIgnore
    public OptionalDouble activationElements() {
        return activationElementsPerSample == null ? OptionalDouble.empty()
                : OptionalDouble.of(activationElementsPerSample);
    }

    /**
     * Forward FLOPs of one sample spent in matmuls and convolutions, when known.
     *
     * @return the FLOPs, or empty
     */
    @JsonIgnore
    public OptionalDouble matmulFlops() {
        return matmulFlopsPerSample == null ? OptionalDouble.empty() : OptionalDouble.of(matmulFlopsPerSample);
    }

    /**
     * The architecture family, unless it is {@value #UNKNOWN_FAMILY}.
     *
     * @return the family, or empty
     */
    @JsonIgnore
    public Optional<String> familyIfKnown() {
        return UNKNOWN_FAMILY.equals(family) ? Optional.empty() : Optional.of(family);
    }

    /** Builds a {@link ModelSpec}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String name;
        private String family;
        private long parameters;
        private double flopsPerSample = Double.NaN;
        private String inputShape;
        private Long leafLayers;
        private Double activationElementsPerSample;
        private Double matmulFlopsPerSample;
        private OperatorGraph graph;

        private Builder() {
        }

        /**
         * Model name; required.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Architecture family ({@code cnn}, {@code transformer}); {@value #UNKNOWN_FAMILY} unless set.
         *
         * @param family the family, or null
         * @return this builder
         */
        public Builder family(String family) {
            this.family = family;
            return this;
        }

        /**
         * Trainable parameters; required.
         *
         * @param parameters the count, at least 1
         * @return this builder
         */
        public Builder parameters(long parameters) {
            this.parameters = parameters;
            return this;
        }

        /**
         * Forward FLOPs of one sample; required.
         *
         * @param flopsPerSample the FLOPs, finite and &gt; 0
         * @return this builder
         */
        public Builder flopsPerSample(double flopsPerSample) {
            this.flopsPerSample = flopsPerSample;
            return this;
        }

        /**
         * One sample's input ({@code 3x224x224}, {@code 128}).
         *
         * @param inputShape the shape, or null for empty
         * @return this builder
         */
        public Builder inputShape(String inputShape) {
            this.inputShape = inputShape;
            return this;
        }

        /**
         * Number of leaf modules (layers).
         *
         * @param leafLayers the count, at least 1, or null when unknown
         * @return this builder
         */
        public Builder leafLayers(Long leafLayers) {
            this.leafLayers = leafLayers;
            return this;
        }

        /**
         * Output elements of all leaf layers for one sample.
         *
         * @param activationElementsPerSample the count, &gt; 0, or null when unknown
         * @return this builder
         */
        public Builder activationElementsPerSample(Double activationElementsPerSample) {
            this.activationElementsPerSample = activationElementsPerSample;
            return this;
        }

        /**
         * The part of the forward FLOPs spent in matmuls and convolutions.
         *
         * @param matmulFlopsPerSample the FLOPs, at most {@code flopsPerSample}, or null when unknown
         * @return this builder
         */
        public Builder matmulFlopsPerSample(Double matmulFlopsPerSample) {
            this.matmulFlopsPerSample = matmulFlopsPerSample;
            return this;
        }

        /**
         * The model's operator graph.
         *
         * @param graph the graph, or null for none
         * @return this builder
         */
        public Builder graph(OperatorGraph graph) {
            this.graph = graph;
            return this;
        }

        /**
         * Builds the spec, validated as the canonical constructor does.
         *
         * @return the spec
         * @throws SpecValidationException when a figure breaks its rule, naming the field
         */
        public ModelSpec build() {
            return new ModelSpec(name, family, parameters, flopsPerSample, inputShape, leafLayers,
                    activationElementsPerSample, matmulFlopsPerSample, graph);
        }
    }
}
