package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.ModelDescription;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides how a spec's model is described before an estimator reads it, and says how ({@link ModelDescription}):
 * <ol>
 *   <li>descriptors in the spec: {@link ModelDescription#GIVEN}, the spec as it is;</li>
 *   <li>its name (with its input shape and parameters) in the model catalogue: {@link ModelDescription#CATALOGUE_NAME},
 *       the spec as it is (the feature set looks the catalogue up itself);</li>
 *   <li>an operator graph in the spec: {@link ModelDescription#GIVEN}, with descriptors counted on the graph
 *       ({@link #descriptorsFromGraph});</li>
 *   <li>its parameters, FLOPs and input shape those of a reference model under another name:
 *       {@link ModelDescription#CATALOGUE_FIGURES}, with that model's descriptors, so renaming a catalogued model
 *       does not change its estimate;</li>
 *   <li>otherwise {@link ModelDescription#INFERRED}, with descriptors from {@link DescriptorInference#infer}, or
 *       {@link ModelDescription#NONE} (the spec as it is) when the estimator has no references.</li>
 * </ol>
 * Immutable and thread-safe. A catalogued or described spec is returned as the same instance: describing it allocates
 * nothing.
 */
public final class ModelDescriber {
    private final ModelCatalog catalog;
    private final DescriptorInference inference;

    /**
     * @param catalog   the catalogue the estimator's feature set looks names up in
     * @param inference the references to recognise and infer from (may be empty)
     */
    public ModelDescriber(ModelCatalog catalog, DescriptorInference inference) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.inference = Objects.requireNonNull(inference, "inference");
    }

    /**
     * A spec's model as the estimator reads it, and how it came to be described.
     *
     * @param model the model as the estimator reads it
     * @param how   how it came to be described
     */
    public record Described(ModelSpec model, ModelDescription how) {
    }

    /**
     * How {@link #describe} would describe {@code model}, without building the described spec.
     *
     * @param model the spec's model
     * @return how it would be described
     */
    public ModelDescription howDescribed(ModelSpec model) {
        if (hasDescriptors(model)) {
            return ModelDescription.GIVEN;
        }
        if (catalog.entryFor(model) != null) {
            return ModelDescription.CATALOGUE_NAME;
        }
        if (model.graph() != null) {
            return ModelDescription.GIVEN;
        }
        if (inference.byFigures(model).isPresent()) {
            return ModelDescription.CATALOGUE_FIGURES;
        }
        return inference.isEmpty() ? ModelDescription.NONE : ModelDescription.INFERRED;
    }

    /**
     * The model as the estimator should read it (see the class comment).
     *
     * @param model the spec's model, not null
     * @return the described model and how it was described
     */
    public Described describe(ModelSpec model) {
        Objects.requireNonNull(model, "model");
        if (hasDescriptors(model)) {
            return new Described(model, ModelDescription.GIVEN);
        }
        if (catalog.entryFor(model) != null) {
            return new Described(model, ModelDescription.CATALOGUE_NAME);
        }
        if (model.graph() != null) {
            return new Described(descriptorsFromGraph(model), ModelDescription.GIVEN);
        }
        Optional<ModelSpec> byFigures = inference.byFigures(model);
        if (byFigures.isPresent()) {
            return new Described(byFigures.get(), ModelDescription.CATALOGUE_FIGURES);
        }
        if (inference.isEmpty()) {
            return new Described(model, ModelDescription.NONE);
        }
        return new Described(inference.infer(model), ModelDescription.INFERRED);
    }

    /** The prefix {@link #withheld} puts before a model's name: no catalogue has a name that starts with it. */
    public static final String WITHHELD_PREFIX = "undescribed:";

    /**
     * {@code model} as a user who did not describe it would give it: only its name (prefixed with
     * {@value #WITHHELD_PREFIX}, so no catalogue knows it), family, parameters, FLOPs and input shape; no
     * descriptors, no graph. How evaluations simulate specs of models nobody described.
     *
     * @param model the described model
     * @return the same model without its descriptions
     */
    public static ModelSpec withheld(ModelSpec model) {
        String name = model.name().startsWith(WITHHELD_PREFIX) ? model.name() : WITHHELD_PREFIX + model.name();
        return ModelSpec.builder().name(name).family(model.family()).parameters(model.parameters())
                .flopsPerSample(model.flopsPerSample()).inputShape(model.inputShape()).build();
    }

    /**
     * The references it recognises and infers from.
     *
     * @return its descriptor inference
     */
    public DescriptorInference inference() {
        return inference;
    }

    /**
     * Whether {@link #describe} returns {@code model} itself: described in its spec or catalogued by name.
     *
     * @param how   how the model is described ({@link #howDescribed})
     * @param model the spec's model
     * @return true when the described model is {@code model} unchanged
     */
    public boolean keepsAsIs(ModelDescription how, ModelSpec model) {
        return how == ModelDescription.CATALOGUE_NAME || how == ModelDescription.NONE
                || how == ModelDescription.GIVEN && hasDescriptors(model);
    }

    private static boolean hasDescriptors(ModelSpec model) {
        return model.leafLayers() != null || model.activationElementsPerSample() != null
                || model.matmulFlopsPerSample() != null;
    }

    /**
     * A spec's descriptors counted on its operator graph: leaf layers = the graph's operators (repeats counted),
     * activation elements = half the elements its batched operators move per sample (each output is written once
     * and read by the next operator), matmul FLOPs = the graph's. On the 105 catalogue models, whose descriptors the
     * collector counted with forward hooks, these are 1 to 2 times theirs (fused attention and recurrent cells
     * count as several operators here, one module there).
     *
     * @param model a spec with an operator graph
     * @return the spec with the descriptors counted on its graph
     */
    public static ModelSpec descriptorsFromGraph(ModelSpec model) {
        OperatorGraph graph = model.graph();
        double perSample = 0;
        for (OperatorGraph.Counted c : graph.distinct()) {
            if (c.operator().scalesWithBatch()) {
                perSample += (c.operator().elementsMoved(2) - c.operator().elementsMoved(1)) * c.repeat();
            }
        }
        return model.toBuilder().leafLayers(Math.max(1L, graph.operatorCount()))
                .activationElementsPerSample(perSample > 0 ? perSample / 2 : null)
                .matmulFlopsPerSample(Math.min(graph.matmulFlopsPerSample(), model.flopsPerSample())).build();
    }
}
