package io.github.runtimeestimator.planner;

/**
 * What interruptions cost a job on a spot offer, on average: the work (the job's time without interruptions),
 * split into segments of {@code intervalSeconds} each followed by a checkpoint write, each segment rerun from its
 * start after an interruption (after {@code restartSeconds}).
 *
 * <h2>The expectation</h2>
 * With interruptions at rate {@code r} per second (Poisson), a segment that needs {@code L} uninterrupted seconds
 * takes on average {@code (1/r + R) (e^(rL) - 1)} seconds, {@code e^(rL) - 1} of them interruptions, each followed
 * by a restart of {@code R} seconds (the classic result for restart from a checkpoint; with {@code r = 0} it is
 * {@code L}). A job of {@code W} seconds of work has {@code floor(W / interval)} segments of {@code interval +
 * write} seconds and a last one of the remainder, without a write.
 *
 * @param workSeconds            the job's time without interruptions
 * @param intervalSeconds        work between checkpoints used (the one given, or Young's)
 * @param writeSeconds           one checkpoint write
 * @param restartSeconds         one restart
 * @param expectedInterruptions  the mean number of interruptions over the job
 * @param expectedSeconds        the mean wall time with checkpoints, interruptions and restarts
 */
public record SpotExpectation(double workSeconds, double intervalSeconds, double writeSeconds, double restartSeconds,
                              double expectedInterruptions, double expectedSeconds) {

    /**
     * The expectation for {@code workSeconds} of work at {@code market}'s rate with {@code checkpointing}.
     *
     * @param workSeconds   the job's time without interruptions, in seconds
     * @param market        the offer's interruption rate
     * @param checkpointing how the job checkpoints and restarts
     * @return the expectation; at a rate of 0 the expected time is the work itself, and for work that is not finite
     *         the expected interruptions are NaN
     */
    public static SpotExpectation of(double workSeconds, SpotMarket market, Checkpointing checkpointing) {
        double rate = market.interruptionsPerSecond();
        double interval = checkpointing.intervalAt(rate);
        double write = checkpointing.writeSeconds();
        double restart = checkpointing.restartSeconds();
        if (!Double.isFinite(workSeconds)) {
            return new SpotExpectation(workSeconds, interval, write, restart, Double.NaN, workSeconds);
        }
        if (rate == 0) {
            return new SpotExpectation(workSeconds, interval, write, restart, 0, workSeconds);
        }
        double full = Math.floor(workSeconds / interval);
        double remainder = workSeconds - full * interval;
        if (remainder == 0 && full > 0) { // the last segment needs no checkpoint after it
            full -= 1;
            remainder = interval;
        }
        double failuresFull = Math.expm1(rate * (interval + write));
        double failuresLast = Math.expm1(rate * remainder);
        double failures = full * failuresFull + failuresLast;
        double seconds = (1 / rate + restart) * failures;
        return new SpotExpectation(workSeconds, interval, write, restart, failures, seconds);
    }
}
