package io.github.runtimeestimator.server;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An estimator that holds each call until released (or for a fixed time), so a test can stop the server while a
 * request is in flight. Its answer is a fixed estimate.
 */
final class SlowEstimator implements RuntimeEstimator {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final long holdMillis;
    private final Runnable onEnter;

    /** Holds each call until {@link #release} counts down, at most {@code holdMillis}. */
    SlowEstimator(long holdMillis) {
        this(holdMillis, () -> { });
    }

    /** The same, running {@code onEnter} as each call begins. */
    SlowEstimator(long holdMillis, Runnable onEnter) {
        this.holdMillis = holdMillis;
        this.onEnter = onEnter;
    }

    @Override
    public Estimate predict(WorkloadSpec spec) {
        onEnter.run();
        entered.countDown();
        try {
            release.await(holdMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while estimating", e);
        }
        return new Estimate(2.0, 1.0, 3.0, 2.0, 1, 0.8, "slow stub");
    }

    @Override
    public String describe() {
        return "slow stub";
    }
}
