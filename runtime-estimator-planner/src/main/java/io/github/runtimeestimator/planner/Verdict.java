package io.github.runtimeestimator.planner;

/** What the planner concluded about one offer, in the order the checks run. */
public enum Verdict {
    /** Fits memory, and its upper-bound time and cost meet the deadline and budget. */
    FITS,
    /** The predicted peak memory per device exceeds the device's memory. */
    OUT_OF_MEMORY,
    /** The estimator could not estimate this offer (the reason says why); the other offers are unaffected. */
    ESTIMATE_FAILED,
    /** The upper bound of the predicted time exceeds the deadline. */
    TOO_SLOW,
    /** The upper-bound cost exceeds the budget. */
    OVER_BUDGET;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
