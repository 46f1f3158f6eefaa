package io.github.runtimeestimator.models.internal.compiled;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature order contract of the compiled evaluators: position {@code i} of a feature array is the
 * feature whose Tribuo id is {@code i} in the model's feature map (Tribuo numbers features in the sorted
 * order of their names). An instance maps a caller's own feature order (for example the
 * names of a {@code FeatureExtractor}) to that order once, so that each prediction only copies values.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureOrder {
    private final List<String> modelNames;
    private final int[] sourcePositionOfModelFeature;

    private FeatureOrder(List<String> modelNames, int[] sourcePositionOfModelFeature) {
        this.modelNames = modelNames;
        this.sourcePositionOfModelFeature = sourcePositionOfModelFeature;
    }

    /**
     * Builds the mapping from a source order to the model order.
     *
     * @param modelNames  the model's feature names by id (the evaluator's {@code featureNames()})
     * @param sourceNames the names of the caller's feature array, in the caller's order; it must contain
     *                    every model feature (extra source features are ignored)
     * @throws IllegalArgumentException naming the first model feature missing from the source
     */
    public static FeatureOrder of(List<String> modelNames, List<String> sourceNames) {
        Map<String, Integer> sourcePosition = new HashMap<>();
        for (int i = 0; i < sourceNames.size(); i++) {
            if (sourcePosition.putIfAbsent(sourceNames.get(i), i) != null) {
                throw new IllegalArgumentException("sourceNames: '" + sourceNames.get(i)
                        + "' appears twice; feature names must be unique");
            }
        }
        int[] positions = new int[modelNames.size()];
        for (int id = 0; id < positions.length; id++) {
            Integer position = sourcePosition.get(modelNames.get(id));
            if (position == null) {
                throw new IllegalArgumentException("sourceNames: model feature '" + modelNames.get(id)
                        + "' (id " + id + ") is missing; the source must provide every model feature, has "
                        + sourceNames);
            }
            positions[id] = position;
        }
        return new FeatureOrder(List.copyOf(modelNames), positions);
    }

    /** Model feature names by id. */
    public List<String> modelNames() {
        return modelNames;
    }

    /** Number of model features: the length a model-order array must have. */
    public int size() {
        return sourcePositionOfModelFeature.length;
    }

    /** Copies {@code source} (caller order) into {@code modelOrder} (Tribuo id order); allocates nothing. */
    public void reorder(double[] source, double[] modelOrder) {
        int[] positions = sourcePositionOfModelFeature;
        for (int id = 0; id < positions.length; id++) {
            modelOrder[id] = source[positions[id]];
        }
    }
}
