package io.github.runtimeestimator.planner;

/**
 * How a training job was spread over an offer's devices (data parallel): what one device computes, and what the
 * gradient all-reduce adds to each step.
 *
 * @param devices                       devices the batch is split over
 * @param samplesPerDevice              {@code ceil(batch / devices)}: the batch one device's step is estimated at
 * @param gradientBytes                 bytes all-reduced per step: parameters x {@value MemoryEstimator#GRADIENT_BYTES}
 *                                      (gradients are fp32, also under mixed precision)
 * @param link                          the link the ring runs at
 * @param allReduceSecondsPerStep       {@link RingAllReduce#seconds} of the gradients on that link
 * @param communicationOverlap          the share of the all-reduce assumed hidden behind compute
 * @param exposedSecondsPerStep         what the all-reduce adds to a step at the point estimate:
 *                                      {@code allReduce - min(overlap x allReduce, computePerStep)}
 * @param computeSecondsPerStep         one device's step at {@code samplesPerDevice}, point estimate
 */
public record ScalingDetail(int devices, int samplesPerDevice, double gradientBytes, RingAllReduce.Link link,
                            double allReduceSecondsPerStep, double communicationOverlap, double exposedSecondsPerStep,
                            double computeSecondsPerStep) {

    /**
     * What the all-reduce adds to a step whose compute takes {@code computeSeconds}:
     * {@code allReduce - min(overlap x allReduce, compute)}.
     *
     * @param allReduceSeconds the all-reduce of one step, in seconds
     * @param computeSeconds   one device's compute of one step, in seconds
     * @param overlap          the share of the all-reduce that runs while the device computes, in [0, 1]
     * @return the seconds the all-reduce adds to the step
     */
    public static double exposedSeconds(double allReduceSeconds, double computeSeconds, double overlap) {
        return allReduceSeconds - Math.min(overlap * allReduceSeconds, computeSeconds);
    }

    /**
     * The share of a step's time spent waiting on the all-reduce, at the point estimate.
     *
     * @return {@code exposed / (compute + exposed)}, 0 when the step takes no time
     */
    public double communicationShare() {
        double step = computeSecondsPerStep + exposedSecondsPerStep;
        return step > 0 ? exposedSecondsPerStep / step : 0;
    }
}
