package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default estimator's predict allocates only the Estimate it returns (for a step or inference spec):
 * counted with HotSpot's per-thread allocation counter, not timed.
 */
class PredictAllocationTest {
    private static final int CALLS = 50_000;
    /** An Estimate: header plus six doubles/longs, one double and a reference, rounded up generously. */
    private static final long ESTIMATE_BYTES_AT_MOST = 96;

    @Test
    void predictOnAStepSpecAllocatesOnlyTheEstimate() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "thread allocation counting is off in this JVM");
        RuntimeEstimator est = RuntimeEstimator.loadDefault();
        List<WorkloadSpec> specs = DatasetWorkloads.all().stream()
                .filter(w -> w.job().phase() == Phase.INFER || w.job().phase() == Phase.TRAIN_STEP).toList();
        long threadId = Thread.currentThread().getId();
        double sink = 0;
        for (int i = 0; i < CALLS; i++) { // warm up
            sink += est.predict(specs.get(i % specs.size())).seconds();
        }
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < CALLS; i++) {
            sink += est.predict(specs.get(i % specs.size())).seconds();
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(sink).isPositive();
        assertThat(allocated / CALLS).as("bytes per predict call").isLessThanOrEqualTo(ESTIMATE_BYTES_AT_MOST);
    }
}
