package io.github.runtimeestimator.models;

/** What a regressor is fitted on. */
public enum Target {
    /** log(seconds per step): relative errors weigh alike across 1 ms and 10 s steps. The default. */
    LOG_SECONDS,
    /** Raw seconds per step, as the study fitted; reproduces its setup for contrast. */
    SECONDS,
    /**
     * log(seconds per step / roofline seconds per step): the time relative to the physical bound of the step on
     * its device (FLOPs over peak FLOP/s for the precision, bytes over memory bandwidth, whichever is larger).
     * Moves less across models and hardware than raw time.
     */
    LOG_RATIO_TO_ROOFLINE
}
