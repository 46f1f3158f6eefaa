package io.github.runtimeestimator.training.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Per-feature mean and scale learnt from the training rows: every trainer sees {@code (x - mean) / scale}.
 * A feature that is constant in the training rows gets scale 1.
 *
 * @param means  feature means, in feature-set order
 * @param scales feature standard deviations (population), in the same order
 */
public record Standardization(@JsonProperty("means") double[] means, @JsonProperty("scales") double[] scales) {

    public Standardization {
        if (means == null || scales == null || means.length != scales.length) {
            throw new IllegalArgumentException("means and scales must be present and of equal length");
        }
        means = means.clone();
        scales = scales.clone();
        for (int j = 0; j < scales.length; j++) {
            if (!Double.isFinite(means[j]) || !Double.isFinite(scales[j]) || scales[j] <= 0) {
                throw new IllegalArgumentException("feature " + j + ": mean " + means[j] + ", scale " + scales[j]
                        + " must be finite with scale > 0");
            }
        }
    }

    public static Standardization fit(double[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                double diff = row[j] - mean[j];
                scale[j] += diff * diff;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / rows.length);
            scale[j] = sd > 1e-12 * Math.max(1.0, Math.abs(mean[j])) ? sd : 1.0;
        }
        return new Standardization(mean, scale);
    }

    public int size() {
        return means.length;
    }

    /** {@code (x - mean) / scale}, into a new array. */
    public double[] apply(double[] features) {
        double[] out = new double[features.length];
        for (int j = 0; j < features.length; j++) {
            out[j] = (features[j] - means[j]) / scales[j];
        }
        return out;
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(means, s.means) && Arrays.equals(scales, s.scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "Standardization" + Arrays.toString(means) + " / " + Arrays.toString(scales);
    }
}
