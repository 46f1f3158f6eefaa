package io.github.runtimeestimator.models.operators;

/**
 * The predicted time of one operator on one device, and where it comes from:
 * {@code seconds = floorSeconds + workSeconds}, {@code workSeconds = baseSeconds / efficiency}.
 *
 * @param family          the family whose model predicted it
 * @param seconds         predicted time of one call
 * @param floorSeconds    the fixed cost of a call of the family on such a device
 * @param workSeconds     the rest: the base time over the learned efficiency
 * @param baseSeconds     the time the efficiency is relative to (roofline, wave-quantised for products)
 * @param rooflineSeconds the plain roofline time
 * @param computeBound    whether the roofline is set by the FLOPs rather than the bytes
 */
public record OperatorPrediction(OperatorFamily family, double seconds, double floorSeconds, double workSeconds,
                                 double baseSeconds, double rooflineSeconds, boolean computeBound) {

    /**
     * The efficiency the model predicts: base time over work time.
     *
     * @return {@code baseSeconds / workSeconds}
     */
    public double efficiency() {
        return baseSeconds / workSeconds;
    }
}
