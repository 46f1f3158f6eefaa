package io.github.runtimeestimator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Steps are exact for every job that can be built, and a job whose steps do not fit a long is refused. */
class JobSpecOverflowTest {
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Test
    void theLargestDatasetHasExactSteps() {
        assertThat(JobSpec.trainingEpoch(1, Optimizer.SGD, 0.1, Long.MAX_VALUE).steps()).isEqualTo(Long.MAX_VALUE);
        assertThat(JobSpec.trainingEpoch(Integer.MAX_VALUE, Optimizer.SGD, 0.1, Long.MAX_VALUE).stepsPerEpoch())
                .isEqualTo(4294967299L); // 2^63 - 1 = (2^31 - 1)(2^32 + 2) + 1
    }

    @Test
    void aJobOfMoreStepsThanALongHoldsIsRefusedNamingEpochs() {
        assertThatThrownBy(() -> JobSpec.training(1, Optimizer.SGD, 0.1, 9_000_000_000_000_000_000L, 2_000_000_000))
                .isInstanceOf(SpecValidationException.class)
                .hasMessage("job.epochs = 2000000000: times 9000000000000000000 steps per epoch is more than "
                        + "9223372036854775807 steps");
    }

    @Test
    void stepsAreExactOrRefusedForRandomJobs() {
        Random random = new Random(20_150);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            long dataset = 1 + (random.nextLong() >>> (1 + random.nextInt(63)));
            int batch = 1 + (random.nextInt(Integer.MAX_VALUE) >>> random.nextInt(31));
            int epochs = 1 + (random.nextInt(Integer.MAX_VALUE) >>> random.nextInt(31));
            BigInteger perEpoch = BigInteger.valueOf(dataset).add(BigInteger.valueOf(batch - 1))
                    .divide(BigInteger.valueOf(batch));
            BigInteger steps = perEpoch.multiply(BigInteger.valueOf(epochs));
            if (steps.compareTo(MAX) > 0) {
                refused++;
                assertThatThrownBy(() -> JobSpec.training(batch, Optimizer.SGD, 0.1, dataset, epochs))
                        .isInstanceOf(SpecValidationException.class).hasMessageStartingWith("job.epochs = ");
            } else {
                JobSpec job = JobSpec.training(batch, Optimizer.SGD, 0.1, dataset, epochs);
                assertThat(job.stepsPerEpoch()).isEqualTo(perEpoch.longValueExact());
                assertThat(job.steps()).isEqualTo(steps.longValueExact());
            }
        }
        assertThat(refused).as("the random jobs reach both sides of the limit").isBetween(1_000, 19_000);
    }
}
