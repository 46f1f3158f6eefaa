package io.github.runtimeestimator.models.operators.internal;

/** Where a family's feature code puts its values, one name at a time, always in the same order. */
interface FeatureSink {
    /** One feature; NaN means unknown (left out of the example, missing to XGBoost). */
    void put(String name, double value);

    /** log2 of a positive value; NaN (unknown) for zero, negative or NaN. */
    static double log2(double value) {
        return value > 0 && Double.isFinite(value) ? Math.log(value) / Math.log(2) : Double.NaN;
    }
}
