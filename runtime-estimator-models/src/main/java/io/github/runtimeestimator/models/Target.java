package io.github.runtimeestimator.models;

/** What a regressor is fitted on. */
public enum Target {
    /** log(seconds per step): relative errors weigh alike across 1 ms and 10 s steps. The default. */
    LOG_SECONDS,
    /** Raw seconds per step, as the study fitted; reproduces its setup for contrast. */
    SECONDS
}
