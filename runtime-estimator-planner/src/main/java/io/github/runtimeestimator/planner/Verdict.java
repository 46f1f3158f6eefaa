package io.github.runtimeestimator.planner;

/** What the planner concluded about one offer, in the order the checks run. */
public enum Verdict {
    /** Fits memory, and its upper-bound time and cost meet the deadline and budget. */
    FITS,
    /**
     * The model's weights, gradients and optimizer state alone exceed one device's memory: data parallelism (a
     * full copy on every device) cannot run it; it needs model parallelism (tensor or pipeline, or sharded state).
     */
    NEEDS_MODEL_PARALLELISM,
    /** The predicted peak memory per device exceeds the device's memory (the model's state fits: a smaller batch may). */
    OUT_OF_MEMORY,
    /** The batch has fewer samples than the offer has devices: data parallelism needs one sample per device at least. */
    BATCH_TOO_SMALL,
    /** The estimator could not estimate this offer (the reason says why); the other offers are unaffected. */
    ESTIMATE_FAILED,
    /** The upper bound of the predicted time exceeds the deadline. */
    TOO_SLOW,
    /** The upper-bound cost exceeds the budget. */
    OVER_BUDGET;

    /**
     * The name in lower case, as plans print it.
     *
     * @return {@code fits}, {@code too_slow} and so on
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
