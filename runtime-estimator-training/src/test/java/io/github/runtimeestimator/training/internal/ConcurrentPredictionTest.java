package io.github.runtimeestimator.training.internal;

import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.internal.compiled.FastKnn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One compiled ensemble and one FastKnn shared by 8 threads: 100,000 mixed inputs, interleaved over the
 * threads (thread t answers inputs t, t+8, ...), all running at once; every answer equal bit for bit to the
 * single-threaded one (no shared mutable state, thread-local KNN scratch).
 */
class ConcurrentPredictionTest {
    private static final int THREADS = 8;
    private static final int INPUTS = 100_000;

    private final TrainedModels models = TrainedModels.get();

    @Test
    void compiledXGBoostAndForestGiveTheSingleThreadedAnswersUnder8Threads() throws Exception {
        CompiledTreeEnsemble xgboost = TribuoCompiler.trees(models.xgboost);
        CompiledTreeEnsemble forest = TribuoCompiler.trees(models.forest);
        double[][] inputs = mixedInputs(models.data.rows, xgboost.absentFeatureValue(), 1);
        double[][] forestInputs = mixedInputs(models.data.rows, forest.absentFeatureValue(), 2);

        assertSameUnderThreads(inputs, xgboost::predict);
        assertSameUnderThreads(forestInputs, forest::predict);
    }

    @Test
    void fastKnnGivesTheSingleThreadedAnswersUnder8Threads() throws Exception {
        FastKnn knn = FastKnn.of(models.knnRows, models.data.targets, TrainedModels.KNN_K, FastKnn.Combination.MEAN);

        assertSameUnderThreads(mixedInputs(models.knnRows, 0.0, 3), knn::predict);
    }

    private interface Predictor {
        double predict(double[] x);
    }

    private static void assertSameUnderThreads(double[][] inputs, Predictor predictor) throws Exception {
        double[] expected = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            expected[i] = predictor.predict(inputs[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                Callable<Integer> task = () -> {
                    start.await();
                    int mismatches = 0;
                    for (int i = first; i < inputs.length; i += THREADS) {
                        if (Double.doubleToRawLongBits(predictor.predict(inputs[i]))
                                != Double.doubleToRawLongBits(expected[i])) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).as("mismatching answers in one thread").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rows of the data, perturbed rows, and rows with absent features, 100,000 in all. */
    private static double[][] mixedInputs(double[][] rows, double absentValue, long seed) {
        Random random = new Random(seed);
        double[][] inputs = new double[INPUTS][];
        for (int i = 0; i < INPUTS; i++) {
            double[] x = rows[random.nextInt(rows.length)].clone();
            int mode = i % 3;
            for (int j = 0; j < x.length; j++) {
                if (mode == 1) {
                    x[j] *= 1 + random.nextGaussian() * 0.2;
                } else if (mode == 2 && random.nextDouble() < 0.2) {
                    x[j] = absentValue;
                }
            }
            inputs[i] = x;
        }
        return inputs;
    }
}
