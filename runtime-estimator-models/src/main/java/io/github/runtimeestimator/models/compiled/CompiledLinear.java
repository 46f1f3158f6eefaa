package io.github.runtimeestimator.models.compiled;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.regression.slm.SparseLinearModel;

/**
 * A Tribuo sparse linear regression model (elastic net, LARS, lasso: {@link SparseLinearModel}) as flat arrays,
 * evaluated in pure Java with no allocation per prediction. Immutable and thread-safe.
 *
 * <p>Replicates Tribuo 4.3.2's {@code SparseLinearModel.predict} operation for operation: each present feature
 * (and the bias, value 1, at index {@code features}) becomes {@code (x + -mean) * (1 / scale)}, the weights'
 * active entries are dotted with it in index order from 0.0, and the result is {@code dot * yScale + yMean}
 * (a model with no active weight uses 1.0 for the dot, as Tribuo does). The normalisation constants are
 * private in Tribuo and are read by reflection at compile time; {@link #compile} refuses a model whose fields
 * it cannot read. Input: one value per model feature by Tribuo id (see {@link FeatureOrder}), every feature
 * present.
 */
public final class CompiledLinear {
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
     * Compiles a one-output {@link SparseLinearModel}.
     *
     * @throws IllegalArgumentException naming why it cannot (more outputs, unreadable fields)
     */
    public static CompiledLinear compile(SparseLinearModel model) {
        if (model.getOutputIDInfo().size() != 1) {
            throw new IllegalArgumentException("model: " + model.getOutputIDInfo().size()
                    + " output dimensions; only one is supported");
        }
        List<String> names = FeatureOrder.namesById(model.getFeatureIDMap());
        Map<String, SparseVector> weights = model.getWeights();
        SparseVector w = weights.values().iterator().next();
        DenseVector means = (DenseVector) read(model, "featureMeans");
        DenseVector scales = (DenseVector) read(model, "featureVariance");
        boolean bias = (Boolean) read(model, "bias");
        double[] yMeans = (double[]) read(model, "yMean");
        double[] yScales = (double[]) read(model, "yVariance");
        int n = w.numActiveElements();
        int[] active = new int[n];
        double[] weight = new double[n];
        double[] negMean = new double[n];
        double[] invScale = new double[n];
        int k = 0;
        for (VectorTuple t : w) {
            if (t.index > names.size() || (t.index == names.size() && !bias)) {
                throw new IllegalArgumentException("model: weight index " + t.index + " outside the "
                        + names.size() + " features" + (bias ? " and the bias" : ""));
            }
            active[k] = t.index;
            weight[k] = t.value;
            negMean[k] = -means.get(t.index);
            invScale[k] = 1.0 / scales.get(t.index);
            k++;
        }
        return new CompiledLinear(names, active, weight, negMean, invScale, yScales[0], yMeans[0]);
    }

    private static Object read(SparseLinearModel model, String field) {
        try {
            Field f = SparseLinearModel.class.getDeclaredField(field);
            f.setAccessible(true);
            return f.get(model);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("model: SparseLinearModel." + field
                    + " could not be read (another Tribuo version?)", e);
        }
    }

    /** Predicts one row: {@code features[i]} is the feature with Tribuo id {@code i}. Allocates nothing. */
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
    public String toString() {
        return "CompiledLinear[active=" + active.length + ", features=" + featureNames.size() + "]";
    }
}
