package io.github.runtimeestimator.training.internal;

import java.util.Arrays;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;

/**
 * Tribuo's side of the compiled evaluators' feature order contract (see
 * {@link io.github.runtimeestimator.models.internal.compiled.FeatureOrder}): position {@code i} of a feature array is the
 * feature whose Tribuo id is {@code i} in the model's {@link ImmutableFeatureMap}.
 */
public final class TribuoFeatures {
    private TribuoFeatures() {
    }

    /** The feature names of a Tribuo feature map, indexed by Tribuo feature id. */
    public static List<String> namesById(ImmutableFeatureMap featureMap) {
        String[] names = new String[featureMap.size()];
        for (int id = 0; id < names.length; id++) {
            names[id] = featureMap.get(id).getName();
        }
        return List.of(names);
    }

    /**
     * Writes an Example's features into {@code modelOrder} by Tribuo id; features the Example lacks get
     * {@code absentValue} (use the evaluator's {@code absentFeatureValue()}: Tribuo trees read an absent
     * feature as 0, XGBoost as missing). Features unknown to the map are ignored, as Tribuo does.
     * Duplicate feature names are summed, as Tribuo does when it builds its vectors.
     */
    public static void fill(Example<?> example, ImmutableFeatureMap featureMap, double[] modelOrder,
                            double absentValue) {
        Arrays.fill(modelOrder, Double.NaN);
        for (Feature feature : example) {
            int id = featureMap.getID(feature.getName());
            if (id >= 0) {
                modelOrder[id] = Double.isNaN(modelOrder[id]) ? feature.getValue() : modelOrder[id] + feature.getValue();
            }
        }
        for (int id = 0; id < modelOrder.length; id++) {
            if (Double.isNaN(modelOrder[id])) {
                modelOrder[id] = absentValue;
            }
        }
    }

    /** Convenience for tests and tools: {@link #fill} into a new array of the map's size. */
    public static double[] toArray(Example<?> example, ImmutableFeatureMap featureMap, double absentValue) {
        double[] values = new double[featureMap.size()];
        fill(example, featureMap, values, absentValue);
        return values;
    }
}
