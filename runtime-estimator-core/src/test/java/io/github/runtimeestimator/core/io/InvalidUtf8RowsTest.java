package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad byte costs one row, named by file, line and column; the other rows load (issue 15, item 6). */
class InvalidUtf8RowsTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    private static final String HEADER = String.join(",", SchemaV1.COLUMNS);
    private static final String ROW = "h100-run1,vm,cuda,NVIDIA H100 80GB HBM3,1,Intel(R) Xeon(R) Processor,16,16,"
            + "132,79.2,pytorch,2.11.0+cu130,%s,cnn,60192808,23027253248,3x224x224,infer,bf16,64,,,,,1,"
            + "0.0178239130000008,0.0178040360000011,0.0196143239999955,9,,ok,2100,\"avx512,amx\"";

    @TempDir
    Path dir;

    /** A CSV whose third data row (line 4) has the byte 0xFF in its model name. */
    private Path csvWithABadByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((HEADER + "\n" + ROW.formatted("resnet152") + "\n" + ROW.formatted("résnet-é") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        String bad = ROW.formatted("res@net");
        int at = bad.indexOf('@');
        out.writeBytes(bad.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.write(0xFF);
        out.writeBytes((bad.substring(at + 1) + "\n" + ROW.formatted("vgg16") + "\n").getBytes(StandardCharsets.UTF_8));
        return Files.write(dir.resolve("mixed.csv"), out.toByteArray());
    }

    @Test
    void lenientCsvRejectsTheRowWithFileLineAndColumnAndKeepsTheOthers() throws IOException {
        Path csv = csvWithABadByte();
        int column = ROW.formatted("res@net").indexOf('@') + 1;

        MeasurementReadResult r = MeasurementCsv.read(csv, CATALOG, ReadMode.LENIENT);

        assertThat(r.measurements()).extracting(m -> m.workload().model().name())
                .containsExactly("resnet152", "résnet-é", "vgg16");
        assertThat(r.lines()).containsExactly(2L, 3L, 5L);
        assertThat(r.rejections()).hasSize(1);
        RowRejection bad = r.rejections().get(0);
        assertThat(bad.file()).isEqualTo("mixed.csv");
        assertThat(bad.line()).isEqualTo(4);
        assertThat(bad.column()).isEqualTo("model");
        assertThat(bad.reason()).isEqualTo("is not valid UTF-8: invalid UTF-8 (byte 0xFF) at line 4, column "
                + column);
    }

    @Test
    void strictCsvFailsNamingTheLine() throws IOException {
        Path csv = csvWithABadByte();
        assertThatThrownBy(() -> MeasurementCsv.read(csv, CATALOG, ReadMode.STRICT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessageStartingWith("mixed.csv:4: column model = ").hasMessageContaining("0xFF");
    }

    @Test
    void aBadByteInTheHeaderFailsTheFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("run_id,".getBytes(StandardCharsets.UTF_8));
        out.write(0xC3);
        out.writeBytes(("," + HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        Path csv = Files.write(dir.resolve("header.csv"), out.toByteArray());

        assertThatThrownBy(() -> MeasurementCsv.read(csv, CATALOG, ReadMode.LENIENT))
                .isInstanceOf(MeasurementFormatException.class).hasMessageContaining("header.csv:1")
                .hasMessageContaining("0xC3");
    }

    @Test
    void lenientJsonLinesRejectTheLineAndKeepTheOthers() throws IOException {
        String good = "{\"device_kind\": \"cuda\", \"device_name\": \"NVIDIA H100 80GB HBM3\", \"model\": \"%s\","
                + " \"params\": 60192808, \"flops_per_sample\": 23027253248, \"phase\": \"infer\","
                + " \"precision\": \"bf16\", \"batch_size\": 64, \"time_s\": 0.0178, \"status\": \"ok\"}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(good.formatted("resnet152").getBytes(StandardCharsets.UTF_8));
        String bad = good.formatted("res@net");
        int at = bad.indexOf('@');
        out.writeBytes(bad.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.write(0x80);
        out.writeBytes(bad.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(good.formatted("vgg16").getBytes(StandardCharsets.UTF_8));
        Path jsonl = Files.write(dir.resolve("rows.jsonl"), out.toByteArray());

        MeasurementReadResult r = MeasurementJsonLines.read(jsonl, CATALOG, ReadMode.LENIENT);

        assertThat(r.measurements()).extracting(m -> m.workload().model().name()).containsExactly("resnet152", "vgg16");
        assertThat(r.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.line()).isEqualTo(2);
            assertThat(rejection.toString()).isEqualTo("rows.jsonl:2: is not valid UTF-8: invalid UTF-8 (byte 0x80)"
                    + " at line 2, column " + (at + 1));
        });
    }

    @Test
    void aGenuineReplacementCharacterIsText() throws IOException {
        Path csv = Files.writeString(dir.resolve("fffd.csv"), HEADER + "\n" + ROW.formatted("model\uFFFD") + "\n");
        MeasurementReadResult r = MeasurementCsv.read(csv, CATALOG, ReadMode.STRICT);
        assertThat(r.measurements()).extracting(m -> m.workload().model().name()).containsExactly("model\uFFFD");
    }
}
