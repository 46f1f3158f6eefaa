package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A measurement row that names a catalogued model may leave its parameters and FLOPs to the model catalogue. */
class RowsFromModelCatalogueTest {
    @TempDir
    Path tmp;

    /** The header and first row of the shipped Xeon file (alexnet), with params and FLOPs blanked when asked. */
    private Path file(String model, boolean blank) throws IOException {
        List<String> lines = Files.readAllLines(RepositoryFiles.dataset("xeon16-pytorch-cpu.csv"),
                StandardCharsets.UTF_8);
        String row = lines.get(1);
        if (blank) {
            row = row.replace(",alexnet,cnn,61100840,1428376960,", "," + model + ",cnn,,,");
        }
        return Files.writeString(tmp.resolve("rows.csv"), lines.get(0) + "\n" + row + "\n");
    }

    @Test
    void aRowWithoutParametersAndFlopsTakesThemFromItsCatalogueEntry() throws IOException {
        MeasurementReadResult read = MeasurementCsv.read(file("alexnet", true), HardwareCatalog.builtIn(),
                ModelCatalog.builtIn(), ReadMode.STRICT);

        ModelSpec entry = ModelCatalog.builtIn().find("alexnet", "3x224x224").orElseThrow();
        assertThat(read.measurements()).singleElement()
                .satisfies(m -> assertThat(m.workload().model()).isEqualTo(entry));
    }

    @Test
    void aRowThatGivesItsFiguresKeepsThem() throws IOException {
        MeasurementReadResult read = MeasurementCsv.read(file("alexnet", false), HardwareCatalog.builtIn(),
                ModelCatalog.builtIn(), ReadMode.STRICT);

        assertThat(read.measurements()).singleElement()
                .satisfies(m -> assertThat(m.workload().model().parameters()).isEqualTo(61_100_840L));
    }

    @Test
    void withoutACatalogueOrForAnUnknownModelTheRowIsRefusedNamingParams() throws IOException {
        MeasurementReadResult noCatalogue = MeasurementCsv.read(file("alexnet", true), HardwareCatalog.builtIn(),
                ReadMode.LENIENT);
        MeasurementReadResult unknown = MeasurementCsv.read(file("my_secret_net", true), HardwareCatalog.builtIn(),
                ModelCatalog.builtIn(), ReadMode.LENIENT);

        assertThat(noCatalogue.measurements()).isEmpty();
        assertThat(noCatalogue.rejections()).singleElement().satisfies(r -> assertThat(r.toString()).contains("params"));
        assertThat(unknown.measurements()).isEmpty();
        assertThat(unknown.rejections()).singleElement().satisfies(r -> assertThat(r.toString())
                .contains("params").contains("model my_secret_net at input shape 3x224x224 is not in the model catalogue"));
    }
}
