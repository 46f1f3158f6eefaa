package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One shared estimator (the default) answers from 8 threads exactly what it answers from one. */
class SharedEstimatorConcurrencyTest {
    private static final int SPECS = 100_000;
    private static final int THREADS = 8;

    @Test
    void eightThreadsOnTheDefaultEstimatorGetTheSingleThreadedAnswers() throws Exception {
        RuntimeEstimator est = RuntimeEstimator.loadDefault();
        List<WorkloadSpec> specs = mixedSpecs(SPECS, 5);
        Object[] expected = new Object[SPECS];
        for (int i = 0; i < SPECS; i++) {
            expected[i] = answer(est, specs.get(i));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int mismatches = 0;
                    // thread t takes specs t, t + 8, t + 16, ...: all threads run over the whole mix at once
                    for (int i = first; i < SPECS; i += THREADS) {
                        if (!answer(est, specs.get(i)).equals(expected[i])) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            for (Future<Integer> r : results) {
                assertThat(r.get()).as("answers differing from the single-threaded ones").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        long distinct = java.util.Arrays.stream(expected).distinct().count();
        assertThat(distinct).as("the mix really is mixed").isGreaterThan(SPECS / 10);
    }

    /** The estimate, or the failure's class and message for a spec the estimator refuses. */
    private static Object answer(RuntimeEstimator est, WorkloadSpec spec) {
        try {
            return est.predict(spec);
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /**
     * Models of the shipped datasets (distinct specs by name), every phase, batch sizes 1..1024, every
     * precision, every catalogue hardware entry (CPUs with a varying thread count), seeded.
     */
    static List<WorkloadSpec> mixedSpecs(int count, long seed) {
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        for (WorkloadSpec w : DatasetWorkloads.all()) {
            models.putIfAbsent(w.model().name(), w.model());
        }
        List<ModelSpec> modelList = new ArrayList<>(models.values());
        List<HardwareSpec> hardware = new ArrayList<>(HardwareCatalog.builtIn().all());
        Precision[] precisions = Precision.values();
        Optimizer[] optimizers = {Optimizer.SGD, Optimizer.ADAM, Optimizer.ADAMW};
        Random random = new Random(seed);
        List<WorkloadSpec> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int batch = 1 << random.nextInt(11);
            Optimizer optimizer = optimizers[random.nextInt(optimizers.length)];
            long dataset = 1_000L + random.nextInt(2_000_000);
            JobSpec job;
            switch (random.nextInt(4)) {
                case 0:
                    job = JobSpec.inference(batch);
                    break;
                case 1:
                    job = JobSpec.trainingStep(batch, optimizer, 1e-3);
                    break;
                case 2:
                    job = JobSpec.trainingEpoch(batch, optimizer, 1e-3, dataset);
                    break;
                default:
                    job = JobSpec.training(batch, optimizer, 1e-3, dataset, 1 + random.nextInt(100));
            }
            HardwareSpec hw = hardware.get(random.nextInt(hardware.size()));
            if (hw.threadsUsed() > 0 && random.nextBoolean()) {
                hw = hw.withThreadsUsed(1 + random.nextInt(hw.threadsUsed()));
            }
            out.add(WorkloadSpec.builder().model(modelList.get(random.nextInt(modelList.size()))).job(job)
                    .precision(precisions[random.nextInt(precisions.length)]).hardware(hw).build());
        }
        return out;
    }
}
