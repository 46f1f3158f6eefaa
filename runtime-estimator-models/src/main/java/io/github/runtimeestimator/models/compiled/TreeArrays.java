package io.github.runtimeestimator.models.compiled;

import java.util.Arrays;

/**
 * Growable node arrays used while compiling; {@link CompiledTreeEnsemble} keeps trimmed copies.
 * A node is a leaf when its feature is {@code -1}; its value then sits in the threshold slot.
 */
final class TreeArrays {
    int size;
    int[] feature = new int[64];
    double[] threshold = new double[64];
    int[] low = new int[64];
    int[] high = new int[64];
    int[] missing = new int[64];

    int add(int featureIndex, double thresholdOrLeafValue) {
        if (size == feature.length) {
            int capacity = size * 2;
            feature = Arrays.copyOf(feature, capacity);
            threshold = Arrays.copyOf(threshold, capacity);
            low = Arrays.copyOf(low, capacity);
            high = Arrays.copyOf(high, capacity);
            missing = Arrays.copyOf(missing, capacity);
        }
        feature[size] = featureIndex;
        threshold[size] = thresholdOrLeafValue;
        low[size] = -1;
        high[size] = -1;
        missing[size] = -1;
        return size++;
    }
}
