package io.github.runtimeestimator.models.operators.internal;

/** Where a family's feature code puts its values, one name at a time, always in the same order. */
interface FeatureSink {
    /** One feature; NaN means unknown (left out of the example, missing to XGBoost). */
    void put(String name, double value);

    /**
     * Whether {@link #put} reads the name. The sink that fills values for a prediction does not, and the feature code
     * then passes null for the names it would have to build by concatenation (tile sizes, block sizes, variants),
     * which cost a fifth of a prediction's time.
     */
    default boolean readsNames() {
        return true;
    }

    /** {@code prefix + suffix} when the sink reads names, else null. */
    static String name(FeatureSink sink, String prefix, String suffix) {
        return sink.readsNames() ? prefix + suffix : null;
    }

    /** log2 of a positive value; NaN (unknown) for zero, negative or NaN. */
    static double log2(double value) {
        return value > 0 && Double.isFinite(value) ? Math.log(value) / Math.log(2) : Double.NaN;
    }
}
