package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad rows, extra columns and header faults, on small fixtures. */
class MeasurementCsvFixtureTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    private static final String HEADER = String.join(",", SchemaV1.COLUMNS);
    private static final String GOOD_ROW = "h100-run1,vm,cuda,NVIDIA H100 80GB HBM3,1,Intel(R) Xeon(R) Processor,16,16,"
            + "132,79.2,pytorch,2.11.0+cu130,resnet152,cnn,60192808,23027253248,3x224x224,infer,bf16,64,,,,,1,"
            + "0.0178239130000008,0.0178040360000011,0.0196143239999955,9,,ok,2100,\"avx512,amx\"";

    private static MeasurementReadResult readText(String csv, ReadMode mode) throws IOException {
        return MeasurementCsv.read(new StringReader(csv), "inline.csv", CATALOG, mode);
    }

    @Test
    void lenientReadRejectsEachBadRowWithLineColumnValueAndRule() throws IOException {
        MeasurementReadResult r = MeasurementCsv.read(Fixtures.reader("bad-rows.csv"), "bad-rows.csv", CATALOG,
                ReadMode.LENIENT);

        assertThat(r.rowCount()).isEqualTo(7);
        assertThat(r.measurements()).extracting(m -> m.workload().model().name(), Measurement::status)
                .containsExactly(tuple("resnet152", MeasurementStatus.OK), tuple("maxvit_t", MeasurementStatus.OOM));
        assertThat(r.rejections())
                .extracting(RowRejection::line, RowRejection::column, RowRejection::value)
                .containsExactly(
                        tuple(3L, "batch_size", "-3"),
                        tuple(4L, "flops_per_sample", "NaN"),
                        tuple(5L, "precision", "fp8"),
                        tuple(6L, "device_name", "NVIDIA Imaginary Z9 48GB"),
                        tuple(7L, "time_s", "0.01x"));
        assertThat(r.rejections()).extracting(RowRejection::reason).containsExactly(
                "must be >= 1",
                "must be a finite number > 0",
                "must be one of [fp32, tf32, bf16, fp16, int8]",
                "is not in the hardware catalogue; close ids: " + String.join(", ",
                        CATALOG.closeIds("NVIDIA Imaginary Z9 48GB")) + " (add it with a user catalogue file)",
                "is not a number");
        assertThat(r.rejections().get(0)).hasToString("bad-rows.csv:3: column batch_size = \"-3\": must be >= 1");
        assertThat(r.rejections()).allSatisfy(rej -> assertThat(rej.file()).isEqualTo("bad-rows.csv"));
    }

    @Test
    void strictReadFailsOnTheFirstBadRowWithTheSameDetail() {
        assertThatThrownBy(() -> MeasurementCsv.read(Fixtures.reader("bad-rows.csv"), "bad-rows.csv", CATALOG,
                ReadMode.STRICT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessage("bad-rows.csv:3: column batch_size = \"-3\": must be >= 1")
                .satisfies(e -> assertThat(((MeasurementFormatException) e).rejection())
                        .isEqualTo(new RowRejection("bad-rows.csv", 3, "batch_size", "-3", "must be >= 1")));
    }

    @Test
    void missingRequiredHeaderColumnsFailAtOnceNamingThem() {
        String header = HEADER.replace(",time_s,", ",").replace(",precision,", ",");
        assertThatThrownBy(() -> readText(header + "\n", ReadMode.LENIENT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessage("inline.csv:1: header is missing required schema-v1 columns [precision, time_s]");
    }

    @Test
    void rowWithTheWrongNumberOfCellsIsRejected() throws IOException {
        MeasurementReadResult r = readText(HEADER + "\n" + GOOD_ROW + "\nh100-run1,vm,cuda\n", ReadMode.LENIENT);

        assertThat(r.measurements()).hasSize(1);
        assertThat(r.rejections()).containsExactly(
                new RowRejection("inline.csv", 3, "", null, "row has 3 cells, the header has 33"));
        assertThat(r.rejections().get(0)).hasToString("inline.csv:3: row has 3 cells, the header has 33");
    }

    @Test
    void lineNumbersCountPhysicalLinesAcrossQuotedNewlinesAndBlankLines() throws IOException {
        String csv = "note," + HEADER + "\n"
                + "\"two\nlines\"," + GOOD_ROW + "\n"
                + "\n"
                + "x," + GOOD_ROW.replace(",64,", ",0,") + "\n";
        MeasurementReadResult r = readText(csv, ReadMode.LENIENT);

        assertThat(r.measurements()).hasSize(1);
        assertThat(r.measurements().get(0).extraColumns()).containsExactly(Map.entry("note", "two\nlines"));
        assertThat(r.rejections()).extracting(RowRejection::line, RowRejection::column)
                .containsExactly(tuple(5L, "batch_size"));
    }

    @Test
    void okRowWithoutTimeIsRejectedButOomRowWithoutTimeIsKept() throws IOException {
        String okNoTime = GOOD_ROW.replace(",0.0178239130000008,", ",,");
        String oomNoTime = okNoTime.replace(",ok,", ",oom,");
        MeasurementReadResult r = readText(HEADER + "\n" + okNoTime + "\n" + oomNoTime + "\n", ReadMode.LENIENT);

        assertThat(r.rejections()).extracting(RowRejection::line, RowRejection::column, RowRejection::reason)
                .containsExactly(tuple(2L, "time_s", "is required when status is ok"));
        assertThat(r.measurements()).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(MeasurementStatus.OOM);
            assertThat(m.seconds()).isNaN();
        });
    }

    @Test
    void trainingRowWithoutOptimizerAndUnknownCpuAreRejectedNamingTheColumn() throws IOException {
        String noOptimizer = GOOD_ROW.replace(",infer,", ",train_step,");
        String unknownCpu = "r,vm,cpu,Some CPU,1,Some CPU,7,7,,,pytorch,2.11,resnet18,cnn,11689512,3628146688,"
                + "3x224x224,infer,fp32,16,,,,,1,0.08,0.08,0.09,3,,ok,2100,avx2";
        MeasurementReadResult r = readText(HEADER + "\n" + noOptimizer + "\n" + unknownCpu + "\n",
                ReadMode.LENIENT);

        assertThat(r.rejections()).extracting(RowRejection::line, RowRejection::column, RowRejection::value)
                .containsExactly(tuple(2L, "optimizer", ""), tuple(3L, "device_name", "Some CPU"));
        assertThat(r.rejections().get(0).reason()).isEqualTo("a train_step needs an optimizer (sgd, adam or adamw)");
        assertThat(r.rejections().get(1).reason())
                .startsWith("is not in the hardware catalogue (looked up as CPU model \"Some CPU\" with 7 logical cores)")
                .contains("close ids: ");
    }

    @Test
    void integerColumnsAcceptIntegralNotationAndRefuseFractions() throws IOException {
        String exp = GOOD_ROW.replace(",64,", ",6.4e1,");
        String fraction = GOOD_ROW.replace(",64,", ",64.5,");
        MeasurementReadResult r = readText(HEADER + "\n" + exp + "\n" + fraction + "\n", ReadMode.LENIENT);

        assertThat(r.measurements()).singleElement()
                .satisfies(m -> assertThat(m.workload().job().batchSize()).isEqualTo(64));
        assertThat(r.rejections()).extracting(RowRejection::line, RowRejection::column, RowRejection::reason)
                .containsExactly(tuple(3L, "batch_size", "is not a whole number within range"));
    }

    @Test
    void extraColumnsAreKeptInOrderAndWrittenAfterTheSchemaColumns() throws IOException {
        MeasurementReadResult first = MeasurementCsv.read(Fixtures.reader("extra-columns.csv"), "extra-columns.csv",
                CATALOG, ReadMode.STRICT);

        assertThat(first.measurements()).hasSize(6);
        assertThat(first.measurements().get(1).extraColumns()).containsExactly(
                Map.entry("note", "has, a comma and \"quotes\""), Map.entry("git_sha", ""));
        assertThat(first.measurements().get(5).extraColumns().get("note")).isEqualTo(" leading space");
        assertThat(first.measurements()).extracting(m -> m.workload().job().phase()).contains(Phase.TRAIN_EPOCH);
        assertThat(first.measurements()).extracting(Measurement::status).contains(MeasurementStatus.OOM);

        StringWriter out = new StringWriter();
        MeasurementCsv.write(out, first.measurements());
        String header = out.toString().lines().findFirst().orElseThrow();
        assertThat(header).isEqualTo(HEADER + ",note,git_sha");

        MeasurementReadResult second = MeasurementCsv.read(new StringReader(out.toString()), "copy.csv", CATALOG,
                ReadMode.STRICT);
        assertThat(second.measurements()).containsExactlyElementsOf(first.measurements());
        assertThat(second.measurements()).extracting(Measurement::extraColumns)
                .containsExactlyElementsOf(first.measurements().stream().map(Measurement::extraColumns).toList());
    }

    @Test
    void writingRowsWithDifferentExtraColumnsWritesTheirUnionWithEmptyCells() throws IOException {
        MeasurementReadResult r = readText(HEADER + "\n" + GOOD_ROW + "\n", ReadMode.STRICT);
        Measurement base = r.measurements().get(0);
        Measurement a = withExtras(base, Map.of("a", "1"));
        Measurement b = withExtras(base, Map.of("b", "2"));

        StringWriter out = new StringWriter();
        MeasurementCsv.write(out, List.of(a, b));
        MeasurementReadResult back = readText(out.toString(), ReadMode.STRICT);

        assertThat(out.toString().lines().findFirst().orElseThrow()).endsWith(",cpu_isa,a,b");
        assertThat(back.measurements()).extracting(Measurement::extraColumns)
                .containsExactly(Map.of("a", "1", "b", ""), Map.of("a", "", "b", "2"));
    }

    @Test
    void headerWithARepeatedColumnFails() {
        assertThatThrownBy(() -> readText(HEADER + ",model\n", ReadMode.LENIENT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessage("inline.csv:1: column model: appears twice in the header");
    }

    @Test
    void emptyInputFails() {
        assertThatThrownBy(() -> readText("", ReadMode.LENIENT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessageContaining("is empty");
    }

    private static Measurement withExtras(Measurement m, Map<String, String> extras) {
        return new Measurement(m.workload(), m.status(), m.seconds(), m.p10Seconds(), m.p90Seconds(), m.repeats(),
                m.steps(), m.peakMemoryMib(), m.run(), extras);
    }
}
