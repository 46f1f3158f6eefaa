package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.runtimeestimator.core.WorkloadSpec;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hot path allocates nothing: counted with HotSpot's per-thread allocation counter, not timed. */
class ExtractIntoAllocationTest {

    private static final int CALLS = 50_000;

    @Test
    void extractIntoAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "thread allocation counting is off in this JVM");
        List<WorkloadSpec> specs = List.of(Specs.resnet50TrainStepBf16OnH100(), Specs.resnet50InferBf16OnH100(),
                Specs.resnet50InferFp32OnXeonOneThread());
        long threadId = Thread.currentThread().getId();
        for (String id : FeatureSets.ids()) {
            FeatureExtractor set = FeatureSets.byId(id);
            double[] out = new double[set.names().size()];
            WorkloadSpec a = specs.get(0);
            WorkloadSpec b = specs.get(1);
            WorkloadSpec c = specs.get(2);
            double sink = 0;
            for (int i = 0; i < CALLS; i++) { // warm up
                set.extractInto(i % 3 == 0 ? a : i % 3 == 1 ? b : c, out);
                sink += out[0];
            }
            long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < CALLS; i++) {
                set.extractInto(i % 3 == 0 ? a : i % 3 == 1 ? b : c, out);
                sink += out[0];
            }
            long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            assertThat(sink).isPositive();
            // under one byte per call: the counter's own bookkeeping, never an object per call
            assertThat(allocated).as(id + ": bytes allocated by " + CALLS + " calls").isLessThan(CALLS);
        }
    }
}
