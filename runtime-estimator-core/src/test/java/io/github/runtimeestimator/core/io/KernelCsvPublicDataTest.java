package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.OperatorKind;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Optional: the public files of other labs ({@code ../shared/datasets/public}) read completely, every row on a
 * catalogue device, with the row counts their README gives. Skips when the files are absent.
 */
class KernelCsvPublicDataTest {

    @ParameterizedTest
    @CsvSource({
            "neusight-kernels/matmul.csv.gz, 119847, MATMUL, 5",
            "neusight-kernels/conv2d.csv.gz, 24662, CONV2D, 5",
            "neusight-kernels/elementwise.csv.gz, 134750, ELEMENTWISE, 7",
            "neusight-kernels/layernorm.csv.gz, 9800, NORMALIZATION, 7",
            "neusight-kernels/softmax.csv.gz, 12250, SOFTMAX, 7",
            "vidur-ops/llm-ops.csv.gz, 200127, , 3"})
    void everyRowBecomesAMeasurementOnACatalogueDevice(String file, int rows, OperatorKind kind, int devices)
            throws IOException {
        Path path = RepositoryFiles.publicDatasets().map(p -> p.resolve(file)).filter(Files::isRegularFile)
                .orElse(null);
        assumeTrue(path != null, RepositoryFiles.PUBLIC_DATA_ABSENT);

        KernelReadResult r = KernelCsv.read(path, HardwareCatalog.builtIn(), ReadMode.LENIENT);

        assertThat(r.rejections()).as("rejections of %s", file).isEmpty();
        assertThat(r.measurements()).hasSize(rows);
        assertThat(r.measurements()).allSatisfy(m -> assertThat(m.seconds()).isPositive());
        Map<String, Long> perDevice = r.measurements().stream().collect(Collectors.groupingBy(
                m -> m.hardware().id(), TreeMap::new, Collectors.counting()));
        assertThat(perDevice).hasSize(devices);
        if (kind != null) {
            assertThat(r.format()).isEqualTo(KernelFileFormat.NEUSIGHT);
            assertThat(r.measurements()).allSatisfy(m -> {
                assertThat(m.operator().kind()).isEqualTo(kind);
                assertThat(m.precision()).isEqualTo(Precision.FP32);
            });
        } else {
            assertThat(r.format()).isEqualTo(KernelFileFormat.VIDUR);
            assertThat(r.measurements()).extracting(KernelMeasurement::precision).containsOnly(Precision.FP16);
        }
    }
}
