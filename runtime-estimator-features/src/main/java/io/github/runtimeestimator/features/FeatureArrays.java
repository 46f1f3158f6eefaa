package io.github.runtimeestimator.features;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.List;

/** Checks shared by the extractors; they allocate only when they throw. */
final class FeatureArrays {
    private FeatureArrays() {
    }

    static void requireLength(String setId, double[] out, int expected) {
        if (out == null || out.length != expected) {
            throw new IllegalArgumentException("feature set " + setId + " writes " + expected
                    + " values, but the output array has length " + (out == null ? "null" : out.length));
        }
    }

    /** Fails naming the first non-finite feature: a spec whose numbers overflow the arithmetic is refused. */
    static void requireFinite(String setId, List<String> names, double[] out) {
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                throw new SpecValidationException("features." + setId + "." + names.get(i), out[i],
                        "must be finite: the spec's numbers are out of the range the features can represent");
            }
        }
    }

    /** log10 of a non-negative quantity, floored at 1e-300 so that an underflow to 0 stays finite. */
    static double log10(double x) {
        return Math.log10(Math.max(x, 1e-300));
    }
}
