package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON lines carry the same rows as CSV, and reject bad lines by line number and key. */
class MeasurementJsonLinesTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    private static final String GOOD = "{\"run_id\":\"r1\",\"device_kind\":\"cuda\",\"device_name\":\"NVIDIA H100 80GB HBM3\","
            + "\"device_count\":1,\"model\":\"resnet50\",\"family\":\"cnn\",\"params\":25557032,"
            + "\"flops_per_sample\":8.18e9,\"input_shape\":\"3x224x224\",\"phase\":\"train_step\","
            + "\"precision\":\"bf16\",\"batch_size\":64,\"optimizer\":\"sgd\",\"learning_rate\":0.1,"
            + "\"time_s\":0.0421,\"time_p10_s\":null,\"status\":\"ok\",\"git_sha\":\"abc\"}";

    private static MeasurementReadResult read(String text, ReadMode mode) throws IOException {
        return MeasurementJsonLines.read(new StringReader(text), "runs.jsonl", CATALOG, mode);
    }

    @Test
    void sharedCsvRowsSurviveAJsonLinesRoundTrip(@TempDir Path dir) throws IOException {
        for (String name : List.of("h100-sxm-pytorch.csv", "xeon16-pytorch-cpu.csv")) {
            List<Measurement> fromCsv = MeasurementCsv.read(RepositoryFiles.dataset(name), CATALOG, ReadMode.STRICT)
                    .measurements();
            Path jsonl = dir.resolve(name + ".jsonl");
            MeasurementJsonLines.write(jsonl, fromCsv);
            MeasurementReadResult back = MeasurementJsonLines.read(jsonl, CATALOG, ReadMode.STRICT);

            assertThat(back.rejections()).isEmpty();
            assertThat(back.measurements()).containsExactlyElementsOf(fromCsv);
        }
    }

    @Test
    void extraColumnsSurviveAJsonLinesRoundTrip() throws IOException {
        List<Measurement> fromCsv = MeasurementCsv.read(Fixtures.reader("extra-columns.csv"), "extra-columns.csv",
                CATALOG, ReadMode.STRICT).measurements();
        StringWriter out = new StringWriter();
        MeasurementJsonLines.write(out, fromCsv);
        List<Measurement> back = read(out.toString(), ReadMode.STRICT).measurements();

        assertThat(back).containsExactlyElementsOf(fromCsv);
        assertThat(back.get(1).extraColumns()).containsExactly(
                Map.entry("note", "has, a comma and \"quotes\""), Map.entry("git_sha", ""));
    }

    @Test
    void writtenLinesUseSchemaKeysAndJsonNumbers() throws IOException {
        Measurement m = read(GOOD, ReadMode.STRICT).measurements().get(0);
        StringWriter out = new StringWriter();
        MeasurementJsonLines.write(out, List.of(m));

        String line = out.toString();
        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        assertThat(line).startsWith("{\"run_id\":\"r1\",\"host\":\"\",\"device_kind\":\"cuda\"")
                .contains("\"batch_size\":64,", "\"flops_per_sample\":8180000000,", "\"time_s\":0.0421,",
                        "\"time_p10_s\":null,", "\"status\":\"ok\"")
                .endsWith(",\"git_sha\":\"abc\"}\n");
        assertThat(m.extraColumns()).containsExactly(Map.entry("git_sha", "abc"));
        assertThat(m.p10Seconds()).isNaN();
    }

    @Test
    void lenientReadRejectsBadLinesByLineNumberAndKey() throws IOException {
        String text = GOOD + "\n"
                + GOOD.replace("\"batch_size\":64", "\"batch_size\":-3") + "\n"
                + "\n"
                + GOOD.replace("\"precision\":\"bf16\"", "\"precision\":\"fp8\"") + "\n"
                + "{\"run_id\": \"broken\"\n"
                + GOOD.replace(",\"time_s\":0.0421", "") + "\n"
                + GOOD.replace("\"learning_rate\":0.1", "\"learning_rate\":{\"x\":1}") + "\n"
                + GOOD.replace("8.18e9", "\"lots\"") + "\n";
        MeasurementReadResult r = read(text, ReadMode.LENIENT);

        assertThat(r.measurements()).hasSize(1);
        assertThat(r.rejections()).extracting(RowRejection::line, RowRejection::column, RowRejection::value)
                .containsExactly(
                        tuple(2L, "batch_size", "-3"),
                        tuple(4L, "precision", "fp8"),
                        tuple(5L, "", null),
                        tuple(6L, "time_s", null),
                        tuple(7L, "learning_rate", null),
                        tuple(8L, "flops_per_sample", "lots"));
        assertThat(r.rejections().get(0)).hasToString("runs.jsonl:2: column batch_size = \"-3\": must be >= 1");
        assertThat(r.rejections().get(2).reason()).startsWith("malformed JSON at column ");
        assertThat(r.rejections().get(3).reason()).isEqualTo("is a required schema-v1 key and is missing");
        assertThat(r.rejections().get(4).reason()).isEqualTo("must be a string, a number or null, not an object");
        assertThat(r.rejections().get(5).reason()).isEqualTo("is not a number");
    }

    @Test
    void strictReadThrowsOnTheFirstBadLine() {
        String text = GOOD + "\n" + GOOD.replace("\"batch_size\":64", "\"batch_size\":-3") + "\n";
        assertThatThrownBy(() -> read(text, ReadMode.STRICT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessage("runs.jsonl:2: column batch_size = \"-3\": must be >= 1");
    }
}
