package io.github.runtimeestimator.training.internal;

import java.util.Arrays;

/**
 * Growable node arrays used while compiling a Tribuo tree model; {@link TribuoCompiler} hands trimmed copies to
 * {@link io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble}. A node is a leaf when its feature is
 * {@code -1}; its value then sits in the threshold slot, and its children are -1.
 */
final class TreeBuilder {
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

    int[] features() {
        return Arrays.copyOf(feature, size);
    }

    int[] lows() {
        return Arrays.copyOf(low, size);
    }

    int[] highs() {
        return Arrays.copyOf(high, size);
    }

    int[] missings() {
        return Arrays.copyOf(missing, size);
    }

    double[] values() {
        return Arrays.copyOf(threshold, size);
    }

    /** The values as float: XGBoost's thresholds and leaves are float32, parsed exactly into these doubles. */
    float[] floatValues() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) threshold[i];
        }
        return out;
    }
}
