package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.SpecValidationException;

/**
 * How a job on a spot offer survives interruptions: it writes a checkpoint every {@code intervalSeconds} of work
 * (each write takes {@code writeSeconds}) and, after an interruption, resumes from the last one after
 * {@code restartSeconds} (a new instance, start-up, loading the checkpoint).
 *
 * <p>An interval of 0 means "the optimum": Young's first-order interval {@code sqrt(2 x writeSeconds / rate)}
 * (J. W. Young, "A first order approximation to the optimum checkpoint interval", CACM 17(9), 1974), which the
 * plan states for each spot offer.
 *
 * @param intervalSeconds seconds of work between checkpoints, > 0, or 0 for Young's interval
 * @param writeSeconds    seconds one checkpoint write takes, > 0
 * @param restartSeconds  seconds from an interruption until work resumes, >= 0; billed (the new instance loads
 *                        the checkpoint) and assumed not to be interrupted itself
 */
public record Checkpointing(double intervalSeconds, double writeSeconds, double restartSeconds) {

    /** Checkpoint write assumed when none is given: 60 s (an assumption, not a measurement: set yours). */
    public static final double DEFAULT_WRITE_SECONDS = 60;
    /** Restart assumed when none is given: 300 s (an assumption, not a measurement: set yours). */
    public static final double DEFAULT_RESTART_SECONDS = 300;

    /**
     * Validates the three times (finite, in the ranges above); fails with a SpecValidationException naming the
     * field.
     *
     * @param intervalSeconds seconds of work between checkpoints, &gt; 0, or 0 for Young's interval
     * @param writeSeconds    seconds one checkpoint write takes, &gt; 0
     * @param restartSeconds  seconds from an interruption until work resumes, &gt;= 0
     */
    public Checkpointing {
        if (!(intervalSeconds >= 0) || !Double.isFinite(intervalSeconds)) {
            throw new SpecValidationException("checkpointIntervalSeconds", intervalSeconds,
                    "must be a finite number of seconds > 0, or 0 for the optimal (Young) interval");
        }
        if (!(writeSeconds > 0) || !Double.isFinite(writeSeconds)) {
            throw new SpecValidationException("checkpointWriteSeconds", writeSeconds,
                    "must be a finite number of seconds > 0");
        }
        if (!(restartSeconds >= 0) || !Double.isFinite(restartSeconds)) {
            throw new SpecValidationException("restartSeconds", restartSeconds, "must be a finite number of seconds >= 0");
        }
    }

    /**
     * Young's interval, a 60 s write and a 300 s restart.
     *
     * @return the default checkpointing
     */
    public static Checkpointing defaults() {
        return new Checkpointing(0, DEFAULT_WRITE_SECONDS, DEFAULT_RESTART_SECONDS);
    }

    /**
     * The interval used at {@code interruptionsPerSecond}: the one given, or Young's when 0 was given.
     *
     * @param interruptionsPerSecond the offer's interruption rate, per second
     * @return seconds of work between checkpoints; +infinity for Young's interval at a rate not above 0
     */
    public double intervalAt(double interruptionsPerSecond) {
        if (intervalSeconds > 0) {
            return intervalSeconds;
        }
        return interruptionsPerSecond > 0 ? Math.sqrt(2 * writeSeconds / interruptionsPerSecond)
                : Double.POSITIVE_INFINITY;
    }
}
