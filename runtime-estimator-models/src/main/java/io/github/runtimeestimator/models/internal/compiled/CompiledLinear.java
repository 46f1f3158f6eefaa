package io.github.runtimeestimator.models.internal.compiled;

import java.util.List;

/**
 * A Tribuo sparse linear regression model (elastic net, LARS, lasso: Tribuo's {@code SparseLinearModel}) as flat arrays,
 * evaluated in pure Java with no allocation per prediction. Immutable and thread-safe.
 *
 * <p>Replicates Tribuo 4.3.2's {@code SparseLinearModel.predict} operation for operation: each present feature
 * (and the bias, value 1, at index {@code features}) becomes {@code (x + -mean) * (1 / scale)}, the weights'
 * active entries are dotted with it in index order from 0.0, and the result is {@code dot * yScale + yMean}
 * (a model with no active weight uses 1.0 for the dot, as Tribuo does). runtime-estimator-training builds it
 * from a trained model; an artifact stores its arrays. Input: one value per model feature by Tribuo id (see
 * {@link FeatureOrder}), every feature present.
 */
public final class CompiledLinear implements CompiledEvaluator {
    private final List<String> featureNames;
    private final int[] active;       // active weight indices, ascending (the bias is index featureNames.size())
    private final double[] weight;    // their weights
    private final double[] negMean;   // -mean at each active index
    private final double[] invScale;  // 1 / scale at each active index
    private final boolean anyActive;
    private final double yScale;
    private final double yMean;

    private CompiledLinear(List<String> featureNames, int[] active, double[] weight, double[] negMean,
                           double[] invScale, double yScale, double yMean) {
        this.featureNames = featureNames;
        this.active = active;
        this.weight = weight;
        this.negMean = negMean;
        this.invScale = invScale;
        this.anyActive = active.length > 0;
        this.yScale = yScale;
        this.yMean = yMean;
    }

    /**
     * Builds from its arrays (copied).
     *
     * @param featureNames the model's features in input order
     * @param active       indices of the non-zero weights, strictly ascending, each a feature index or
     *                     {@code featureNames.size()} for the bias
     * @param weight       their weights
     * @param negMean      minus the mean of each active index's input
     * @param invScale     one over the scale of each active index's input
     * @param yScale       the output scale
     * @param yMean        the output mean
     * @throws InvalidModelException naming the array and element that breaks a rule
     */
    public static CompiledLinear of(List<String> featureNames, int[] active, double[] weight, double[] negMean,
                                    double[] invScale, double yScale, double yMean) {
        int features = featureNames.size();
        EvaluatorLimits.requireCount("featureNames", features, 1, EvaluatorLimits.MAX_DIMENSIONS);
        EvaluatorLimits.requireCount("active", active.length, 0, features + 1L);
        sameLength("weight", weight.length, active.length);
        sameLength("neg_mean", negMean.length, active.length);
        sameLength("inv_scale", invScale.length, active.length);
        for (int k = 0; k < active.length; k++) {
            if (active[k] < 0 || active[k] > features || (k > 0 && active[k] <= active[k - 1])) {
                throw new InvalidModelException("active[" + k + "]", "index " + active[k] + " must be within 0.."
                        + features + " and above the previous one");
            }
            EvaluatorLimits.requireFinite("weight[" + k + "]", weight[k], EvaluatorLimits.MAX_ABS_VALUE);
            EvaluatorLimits.requireFinite("neg_mean[" + k + "]", negMean[k], EvaluatorLimits.MAX_ABS_VALUE);
            EvaluatorLimits.requireFinite("inv_scale[" + k + "]", invScale[k], EvaluatorLimits.MAX_ABS_VALUE);
        }
        EvaluatorLimits.requireFinite("y_scale", yScale, EvaluatorLimits.MAX_ABS_VALUE);
        EvaluatorLimits.requireFinite("y_mean", yMean, EvaluatorLimits.MAX_ABS_VALUE);
        return new CompiledLinear(List.copyOf(featureNames), active.clone(), weight.clone(), negMean.clone(),
                invScale.clone(), yScale, yMean);
    }

    private static void sameLength(String field, int length, int activeCount) {
        if (length != activeCount) {
            throw new InvalidModelException(field, "count " + length + " but " + activeCount + " active indices");
        }
    }

    /** Predicts one row: {@code features[i]} is the feature with Tribuo id {@code i}. Allocates nothing. */
    @Override
    public double predict(double[] features) {
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException("features: length " + features.length + " but the model has "
                    + featureNames.size() + " features " + featureNames);
        }
        double dot;
        if (anyActive) {
            int bias = featureNames.size();
            dot = 0.0;
            for (int k = 0; k < active.length; k++) {
                int i = active[k];
                double x = i == bias ? 1.0 : features[i];
                dot += weight[k] * ((x + negMean[k]) * invScale[k]);
            }
        } else {
            dot = 1.0;
        }
        return dot * yScale + yMean;
    }

    /** Feature names by Tribuo id: the order {@link #predict} expects. */
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public int dimensions() {
        return featureNames.size();
    }

    /** A copy of the indices of the non-zero weights ({@code dimensions()} is the bias). */
    public int[] active() {
        return active.clone();
    }

    /** A copy of the non-zero weights. */
    public double[] weights() {
        return weight.clone();
    }

    /** A copy of minus the input mean at each active index. */
    public double[] negatedMeans() {
        return negMean.clone();
    }

    /** A copy of one over the input scale at each active index. */
    public double[] inverseScales() {
        return invScale.clone();
    }

    /** The output scale. */
    public double outputScale() {
        return yScale;
    }

    /** The output mean. */
    public double outputMean() {
        return yMean;
    }

    @Override
    public String toString() {
        return "CompiledLinear[active=" + active.length + ", features=" + featureNames.size() + "]";
    }
}
