package io.github.runtimeestimator.features;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Named feature values for one workload, in the order of their feature set.
 *
 * @param featureSetId      the feature set's id ({@code physics})
 * @param featureSetVersion the feature set's version; bumped whenever a feature's meaning changes
 * @param names             feature names, in order (shared, not copied, between vectors of one set)
 * @param values            feature values, in the order of {@code names}
 */
public record FeatureVector(String featureSetId, int featureSetVersion, List<String> names, double[] values) {

    /**
     * Checks that nothing is null and that {@code names} and {@code values} have the same length (else an
     * {@link IllegalArgumentException}); copies neither.
     *
     * @param featureSetId      the feature set's id
     * @param featureSetVersion the feature set's version
     * @param names             feature names, in order
     * @param values            feature values, in the order of {@code names}
     */
    public FeatureVector {
        Objects.requireNonNull(featureSetId, "featureSetId");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(values, "values");
        if (names.size() != values.length) {
            throw new IllegalArgumentException("names (" + names.size() + ") and values (" + values.length
                    + ") differ in length");
        }
    }

    /**
     * The value of feature {@code name}; fails with an {@link IllegalArgumentException} when the set has no such
     * feature.
     *
     * @param name a feature name
     * @return its value
     */
    public double get(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("feature " + name + " is not in feature set " + featureSetId
                    + " v" + featureSetVersion + ": " + names);
        }
        return values[i];
    }

    /**
     * The number of features.
     *
     * @return the length of {@link #values()}
     */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector v && featureSetId.equals(v.featureSetId)
                && featureSetVersion == v.featureSetVersion && names.equals(v.names) && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureSetId, featureSetVersion, names, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(featureSetId).append(" v").append(featureSetVersion).append(" {");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
