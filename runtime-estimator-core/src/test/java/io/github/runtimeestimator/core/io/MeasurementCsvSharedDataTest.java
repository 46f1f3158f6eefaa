package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared schema-v1 files read completely, map to catalogue hardware, and survive a write-read round trip. */
class MeasurementCsvSharedDataTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();

    private static MeasurementReadResult read(String name, ReadMode mode) throws IOException {
        return MeasurementCsv.read(RepositoryFiles.dataset(name), CATALOG, mode);
    }

    private static long dataRows(String name) throws IOException {
        return Files.readAllLines(RepositoryFiles.dataset(name)).stream().filter(l -> !l.isBlank()).count() - 1;
    }

    private static long count(MeasurementReadResult r, MeasurementStatus status) {
        return r.measurements().stream().filter(m -> m.status() == status).count();
    }

    @Test
    void h100FileLosesNoRow() throws IOException {
        MeasurementReadResult r = read("h100-sxm-pytorch.csv", ReadMode.LENIENT);

        assertThat(dataRows("h100-sxm-pytorch.csv")).isEqualTo(969);
        assertThat(r.rowCount()).isEqualTo(969);
        assertThat(r.rejections()).isEmpty();
        assertThat(count(r, MeasurementStatus.OK)).isEqualTo(967);
        assertThat(count(r, MeasurementStatus.OOM)).isEqualTo(2);
        assertThat(r.okMeasurements()).hasSize(967);
        assertThat(r.measurements()).allSatisfy(m -> {
            assertThat(m.workload().requireHardware().id()).isEqualTo("nvidia-h100-sxm-80gb");
            assertThat(m.workload().requireHardware().deviceCount()).isEqualTo(1);
        });
    }

    @Test
    void h100OomRowsAreKeptWithoutATime() throws IOException {
        MeasurementReadResult r = read("h100-sxm-pytorch.csv", ReadMode.STRICT);

        var oom = r.measurements().stream().filter(m -> m.status() == MeasurementStatus.OOM)
                .collect(Collectors.toList());
        assertThat(oom).hasSize(2).allSatisfy(m -> {
            assertThat(m.workload().model().name()).isEqualTo("maxvit_t");
            assertThat(m.workload().job().batchSize()).isEqualTo(256);
            assertThat(m.seconds()).isNaN();
            assertThat(m.p10Seconds()).isNaN();
            assertThat(m.repeats()).isZero();
            assertThat(m.steps()).as("empty steps on a train_step row is its 1 step").isEqualTo(1);
        });
    }

    @Test
    void xeonFileLosesNoRowAndKeepsThreads() throws IOException {
        MeasurementReadResult r = read("xeon16-pytorch-cpu.csv", ReadMode.STRICT);

        assertThat(dataRows("xeon16-pytorch-cpu.csv")).isEqualTo(82);
        assertThat(r.rowCount()).isEqualTo(82);
        assertThat(r.rejections()).isEmpty();
        assertThat(count(r, MeasurementStatus.OK)).isEqualTo(82);
        assertThat(count(r, MeasurementStatus.OOM)).isZero();
        assertThat(r.measurements()).allSatisfy(m -> {
            assertThat(m.workload().requireHardware().kind()).isEqualTo(HardwareKind.CPU);
            assertThat(m.workload().requireHardware().id()).isEqualTo("intel-xeon-emr-16c");
            assertThat(m.workload().requireHardware().threadsUsed()).isEqualTo(m.run().threads());
        });
        assertThat(r.measurements().stream().map(m -> m.run().threads()).distinct())
                .containsExactlyInAnyOrder(16, 4);
    }

    @Test
    void epochRowsCarryDatasetAndRecordedSteps() throws IOException {
        MeasurementReadResult r = read("xeon16-pytorch-cpu.csv", ReadMode.STRICT);

        // line 29: resnet18 train_epoch fp32 batch 16, sgd 0.1, dataset 64, epochs 1, steps 4, time 1.0109766709999803
        Measurement epoch = r.measurements().get(27);
        assertThat(epoch.workload().model().name()).isEqualTo("resnet18");
        assertThat(epoch.workload().job().phase()).isEqualTo(Phase.TRAIN_EPOCH);
        assertThat(epoch.workload().job().datasetSize()).isEqualTo(64);
        assertThat(epoch.workload().job().epochs()).isEqualTo(1);
        assertThat(epoch.steps()).isEqualTo(4);
        assertThat(epoch.seconds()).isEqualTo(1.0109766709999803);
        assertThat(epoch.workload().job().learningRate()).isEqualTo(0.1);
    }

    @Test
    void h100WriteReadRoundTripIsEqual() throws IOException {
        assertRoundTrip("h100-sxm-pytorch.csv");
    }

    @Test
    void xeonWriteReadRoundTripIsEqual() throws IOException {
        assertRoundTrip("xeon16-pytorch-cpu.csv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h100-sxm-pytorch.csv", "xeon16-pytorch-cpu.csv"})
    void rewritingASharedFileReproducesItByteForByte(String name, @TempDir Path dir) throws IOException {
        MeasurementReadResult r = read(name, ReadMode.STRICT);
        Path out = dir.resolve(name);
        MeasurementCsv.write(out, r.measurements());

        assertThat(Files.readAllLines(out).get(0).split(",")).containsExactlyElementsOf(SchemaV1.COLUMNS);
        assertThat(Files.readString(out)).isEqualTo(Files.readString(RepositoryFiles.dataset(name)));
    }

    private static void assertRoundTrip(String name) throws IOException {
        MeasurementReadResult first = read(name, ReadMode.STRICT);
        StringWriter out = new StringWriter();
        MeasurementCsv.write(out, first.measurements());
        MeasurementReadResult second = MeasurementCsv.read(new StringReader(out.toString()), name, CATALOG,
                ReadMode.STRICT);

        assertThat(second.measurements()).hasSameSizeAs(first.measurements());
        assertThat(second.measurements()).containsExactlyElementsOf(first.measurements());
    }
}
