package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Optional: every device string in the public kernel data ({@code ../shared/datasets/public}) resolves to a catalogue
 * entry, so the per-operator estimator can learn from every row. Skips when the data is absent.
 */
class PublicDatasetDevicesTest {
    private static final HardwareCatalog BUILT_IN = HardwareCatalog.builtIn();

    @ParameterizedTest
    @ValueSource(strings = {"neusight-kernels/matmul.csv.gz", "neusight-kernels/conv2d.csv.gz",
            "neusight-kernels/elementwise.csv.gz", "neusight-kernels/layernorm.csv.gz",
            "neusight-kernels/softmax.csv.gz", "vidur-ops/llm-ops.csv.gz"})
    void everyDeviceOfThePublicDataIsInTheCatalogue(String file) throws IOException {
        Optional<Path> root = RepositoryFiles.publicDatasets();
        assumeTrue(root.isPresent(), RepositoryFiles.PUBLIC_DATA_ABSENT);
        Path path = root.get().resolve(file);
        assumeTrue(Files.isRegularFile(path), RepositoryFiles.PUBLIC_DATA_ABSENT + " (" + file + " missing)");

        TreeSet<String> devices = new TreeSet<>();
        CsvMapper csv = new CsvMapper();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path));
             MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (rows.hasNext()) {
                devices.add(rows.next().get("device"));
            }
        }
        assertThat(devices).as("device strings of %s", file).isNotEmpty().doesNotContainNull();
        assertThat(devices).allSatisfy(d -> assertThat(BUILT_IN.find(d)).as("device \"%s\" of %s", d, file).isPresent());
    }
}
