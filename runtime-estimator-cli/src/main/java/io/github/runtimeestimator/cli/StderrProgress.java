package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.training.evaluation.Progress;
import java.io.PrintWriter;

/**
 * Prints progress lines to stderr once a run has taken over a second (short runs stay silent), at most one
 * line per second after that; silent altogether in quiet mode.
 */
final class StderrProgress implements Progress {
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final long start = System.nanoTime();
    private long lastPrinted = Long.MIN_VALUE;

    StderrProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public synchronized void report(String message) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS || (lastPrinted != Long.MIN_VALUE && now - lastPrinted < QUIET_NANOS)) {
            return;
        }
        lastPrinted = now;
        err.printf("[%5.1fs] %s%n", (now - start) / 1e9, message);
        err.flush();
    }
}
