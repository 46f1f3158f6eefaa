package io.github.runtimeestimator.models;

/** What a regressor is fitted on, and how its output becomes seconds. */
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
    LOG_RATIO_TO_ROOFLINE,
    /**
     * log(seconds per step / operator sum): the time relative to the sum of the step's operators through a
     * per-operator model (feature set {@code opgraph},
     * {@link io.github.runtimeestimator.models.operators.OperatorGraphFeatures}), so the regressor learns the
     * end-to-end correction of that sum.
     */
    LOG_RATIO_TO_OPERATOR_SUM;

    /** Predictions are floored here: a raw-seconds regressor can go negative, an estimate cannot. */
    public static final double MIN_SECONDS = 1e-7;
    /** ... and capped here (about 30 years per step): a log-scale regressor far outside its data can overflow. */
    public static final double MAX_SECONDS = 1e9;

    /**
     * The value a regressor is fitted on for a step of {@code seconds}; {@code baselineSeconds} is the step's
     * baseline: its roofline time for {@link #LOG_RATIO_TO_ROOFLINE}, its operator sum for
     * {@link #LOG_RATIO_TO_OPERATOR_SUM} (read only by the two ratio targets).
     *
     * @param seconds         the measured seconds of the step
     * @param baselineSeconds the step's baseline, in seconds
     * @return the value to fit
     */
    public double encode(double seconds, double baselineSeconds) {
        switch (this) {
            case SECONDS:
                return seconds;
            case LOG_SECONDS:
                return Math.log(seconds);
            case LOG_RATIO_TO_ROOFLINE:
            case LOG_RATIO_TO_OPERATOR_SUM:
                return Math.log(seconds / baselineSeconds);
            default:
                throw new IllegalStateException("unhandled target " + this);
        }
    }

    /**
     * Seconds of one step from a regressor's output {@code value}, within [{@link #MIN_SECONDS},
     * {@link #MAX_SECONDS}].
     *
     * @param value           the regressor's output
     * @param baselineSeconds the step's baseline, in seconds (read only by the two ratio targets)
     * @return seconds of one step
     * @throws IllegalStateException when the value is not a number (no finite estimate exists)
     */
    public double seconds(double value, double baselineSeconds) {
        double seconds;
        switch (this) {
            case SECONDS:
                seconds = value;
                break;
            case LOG_SECONDS:
                seconds = Math.exp(value);
                break;
            case LOG_RATIO_TO_ROOFLINE:
            case LOG_RATIO_TO_OPERATOR_SUM:
                seconds = baselineSeconds * Math.exp(value);
                break;
            default:
                throw new IllegalStateException("unhandled target " + this);
        }
        if (Double.isNaN(seconds)) {
            throw new IllegalStateException("the " + this + " regressor predicted " + value + ": not a number");
        }
        return Math.min(MAX_SECONDS, Math.max(seconds, MIN_SECONDS));
    }
}
