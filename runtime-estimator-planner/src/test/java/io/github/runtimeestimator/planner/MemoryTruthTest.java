package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory estimator against the measured peaks the project has (figures in {@code docs/memory.md}): the clean
 * CPU memory run (collector 0.2: memory of earlier configurations trimmed), the H100's {@code oom} rows and every
 * H100 configuration that ran. The measured bf16 inference ran under autocast, so the estimator is asked the same.
 */
class MemoryTruthTest {
    private final MemoryEstimator memory = MemoryEstimator.defaults()
            .withInferenceWeights(MemoryEstimator.InferenceWeights.AUTOCAST);

    private static List<Measurement> read(String file) throws IOException {
        return MeasurementCsv.read(RepositoryFiles.dataset(file), HardwareCatalog.builtIn(), ReadMode.LENIENT)
                .measurements();
    }

    @Test
    void withinTwentyPercentOfTheCleanCpuPeaksAtTheMedian() throws IOException {
        MemoryErrorReport report = memory.compareWith(read("memory/epyc2-cpu-memory.csv"));

        assertThat(report.rows()).isGreaterThan(200);
        assertThat(report.medianAbsoluteRelativeError()).isLessThanOrEqualTo(0.20);
    }

    @Test
    void theH100sOutOfMemoryRowsDoNotFitAndEveryConfigurationThatRanDoes() throws IOException {
        List<Measurement> h100 = read("h100-sxm-pytorch.csv");
        MemoryErrorReport report = memory.compareWith(h100);

        assertThat(report.oomRows()).isEqualTo(2);
        assertThat(report.oomPredictedToFit()).isZero();
        List<String> ranButSaidNotToFit = h100.stream().filter(Measurement::isOk)
                .filter(m -> !memory.estimate(m.workload()).fits(m.workload().hardware()))
                .map(m -> m.workload().model().name() + " " + m.workload().job().phase().id() + " batch "
                        + m.workload().job().batchSize())
                .toList();
        assertThat(ranButSaidNotToFit).isEmpty();
    }
}
