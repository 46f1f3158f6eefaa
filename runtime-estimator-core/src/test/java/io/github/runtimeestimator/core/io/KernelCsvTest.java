package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.Conv2d;
import io.github.runtimeestimator.core.graph.Elementwise;
import io.github.runtimeestimator.core.graph.Embedding;
import io.github.runtimeestimator.core.graph.Matmul;
import io.github.runtimeestimator.core.graph.Normalization;
import io.github.runtimeestimator.core.graph.Softmax;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Kernel files of the three layouts read into the vocabulary's operators, with the measurement reader's rules. */
class KernelCsvTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();

    private static KernelReadResult read(String name, ReadMode mode) throws IOException {
        return KernelCsv.read(Fixtures.reader("kernels/" + name), name, CATALOG, mode);
    }

    private static List<String> rejections(KernelReadResult r) {
        return r.rejections().stream().map(RowRejection::toString).collect(Collectors.toList());
    }

    @Test
    void ownSchemaRowsBecomeOperatorsOnCatalogueDevices() throws IOException {
        KernelReadResult r = read("kernels-v1-good.csv", ReadMode.STRICT);

        assertThat(r.format()).isEqualTo(KernelFileFormat.KERNELS_V1);
        assertThat(r.measurements()).hasSize(6);
        assertThat(r.okMeasurements()).hasSize(5);
        KernelMeasurement first = r.measurements().get(0);
        assertThat(first.operator()).isEqualTo(Matmul.linear(512, 768, 768, false));
        assertThat(first.hardware().id()).isEqualTo("nvidia-h100-sxm-80gb");
        assertThat(first.precision()).isEqualTo(Precision.BF16);
        assertThat(first.seconds()).isEqualTo(1.25e-5);
        assertThat(first.secondsMin()).isEqualTo(1.2e-5);
        assertThat(first.repeats()).isEqualTo(50);
        assertThat(first.reportedDevice()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(first.framework()).isEqualTo("pytorch 2.4.1 cu121");
        assertThat(first.runId()).isEqualTo("h100-run-1");
        assertThat(first.source()).isEqualTo("collector 0.2");
        assertThat(first.extraColumns()).containsExactly(java.util.Map.entry("calls_per_sample", "8"));

        assertThat(r.measurements().get(1).operator()).isEqualTo(Conv2d.builder().n(8).channels(64, 128)
                .size(56, 56).kernel(3).stride(1).padding(1).build());
        assertThat(r.measurements().get(2).operator()).isEqualTo(Elementwise.unary("gelu", 1 << 20));
        assertThat(r.measurements().get(2).threads()).as("an empty threads cell on a GPU row is 0").isZero();
        assertThat(r.measurements().get(3).operator())
                .isEqualTo(new Normalization(Normalization.Variant.RMS, 4096, 4096));
        KernelMeasurement oom = r.measurements().get(4);
        assertThat(oom.status()).isEqualTo(MeasurementStatus.OOM);
        assertThat(oom.seconds()).isNaN();
        KernelMeasurement cpu = r.measurements().get(5);
        assertThat(cpu.hardware().isCpu()).isTrue();
        assertThat(cpu.threads()).isEqualTo(2);
        assertThat(cpu.hardware().threadsUsed()).isEqualTo(2);
        assertThat(cpu.operator()).isEqualTo(new Softmax(512, 1000));
    }

    @Test
    void badOwnRowsAreRejectedNamingLineColumnAndRule() throws IOException {
        KernelReadResult r = read("kernels-v1-bad.csv", ReadMode.LENIENT);

        assertThat(r.measurements()).hasSize(1);
        assertThat(r.rowCount()).isEqualTo(14);
        List<String> why = rejections(r);
        assertThat(why).hasSize(13);
        assertThat(why.get(0)).isEqualTo("kernels-v1-bad.csv:3: column schema_version = \"kernels-v2\": must be kernels-v1");
        assertThat(why.get(1)).startsWith("kernels-v1-bad.csv:4: column device = \"NVIDIA Imaginary 9000\": "
                + "is not in the hardware catalogue");
        assertThat(why.get(2)).startsWith("kernels-v1-bad.csv:5: column kind = \"warp\": ");
        assertThat(why.get(3)).startsWith("kernels-v1-bad.csv:6: column dims = \"b=1;m=0;n=64;k=64\": ")
                .contains("m").contains(">= 1");
        assertThat(why.get(4)).startsWith("kernels-v1-bad.csv:7: column dims = \"b=1;m=64;n=64\": ").contains("k");
        assertThat(why.get(5)).startsWith("kernels-v1-bad.csv:8: column dims = ").contains("groups");
        assertThat(why.get(6)).isEqualTo("kernels-v1-bad.csv:9: column seconds = \"-1\": must be a finite number > 0");
        assertThat(why.get(7)).isEqualTo("kernels-v1-bad.csv:10: column seconds = \"\": is required");
        assertThat(why.get(8)).startsWith("kernels-v1-bad.csv:11: column dtype = \"fp64\": ");
        assertThat(why.get(9)).startsWith("kernels-v1-bad.csv:12: column dims = ").contains("zeta");
        assertThat(why.get(10)).isEqualTo("kernels-v1-bad.csv:13: column seconds = \"nan\": must be a finite number > 0");
        assertThat(why.get(11)).isEqualTo("kernels-v1-bad.csv:14: column framework = \"\": is required");
        assertThat(why.get(12)).isEqualTo("kernels-v1-bad.csv:15: row has 14 cells, the header has 15");
    }

    @Test
    void strictModeStopsAtTheFirstBadRow() {
        assertThatThrownBy(() -> read("kernels-v1-bad.csv", ReadMode.STRICT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessage("kernels-v1-bad.csv:3: column schema_version = \"kernels-v2\": must be kernels-v1");
    }

    @Test
    void neuSightMatmulRowsMapTheirContractionToK() throws IOException {
        KernelReadResult r = read("neusight-matmul.csv", ReadMode.LENIENT);

        assertThat(r.format()).isEqualTo(KernelFileFormat.NEUSIGHT);
        assertThat(r.measurements()).hasSize(2);
        KernelMeasurement bmm = r.measurements().get(0);
        assertThat(bmm.operator()).as("(B,M,N) x (B,N,K): N is the contraction")
                .isEqualTo(new Matmul(Matmul.Variant.BMM, 6, 27, 390, 21, false));
        assertThat(bmm.hardware().id()).isEqualTo("nvidia-a100-pcie-40gb");
        assertThat(bmm.precision()).isEqualTo(Precision.FP32);
        assertThat(bmm.seconds()).isEqualTo(0.035e-3);
        assertThat(bmm.framework()).isEqualTo("pytorch 2.1.0 cu121");
        assertThat(bmm.source()).isEqualTo("neusight");
        assertThat(bmm.runId()).isEqualTo("neusight-matmul.csv");
        assertThat(r.measurements().get(1).operator()).as("nn.Linear(N, K) over B*M rows, with bias")
                .isEqualTo(Matmul.linear(400, 512, 256, true));
        assertThat(rejections(r)).containsExactly(
                "neusight-matmul.csv:4: column op = \"gemm\": must be bmm or linear in a matmul file",
                "neusight-matmul.csv:5: column N = \"0\": must be >= 1",
                "neusight-matmul.csv:6: column latency_ms = \"0\": must be a finite number > 0");
    }

    @Test
    void neuSightConvolutionsAreSquareWithoutBias() throws IOException {
        KernelReadResult r = read("neusight-conv2d.csv", ReadMode.LENIENT);

        assertThat(r.measurements()).hasSize(2);
        KernelMeasurement a100 = r.measurements().get(0);
        assertThat(a100.operator()).isEqualTo(Conv2d.builder().n(38).channels(893, 326).size(5, 5).kernel(3)
                .stride(1).padding(1).bias(false).build());
        assertThat(a100.hardware().id()).isEqualTo("nvidia-a100-pcie-80gb");
        assertThat(a100.precision()).as("the recorded kernels are FP32 SIMT kernels").isEqualTo(Precision.FP32);
        assertThat(r.measurements().get(1).operator()).isEqualTo(Conv2d.builder().n(2).channels(16, 32)
                .size(32, 32).kernel(7).stride(2).padding(3).build());
        assertThat(r.rejections()).singleElement().satisfies(j -> {
            assertThat(j.line()).isEqualTo(4);
            assertThat(j.column()).isEqualTo("input_size");
        });
    }

    @Test
    void neuSightRowFilesGiveElementwiseNormAndSoftmax() throws IOException {
        KernelReadResult r = read("neusight-rows.csv", ReadMode.LENIENT);

        assertThat(r.measurements()).extracting(KernelMeasurement::operator).containsExactly(
                Elementwise.binary("add", 127 * 168),
                Elementwise.unary("mul", 64 * 1024),
                Elementwise.unary("gelu", 64 * 1024),
                new Normalization(Normalization.Variant.LAYER, 60, 272),
                new Softmax(58, 13));
        assertThat(r.measurements().get(3).hardware().id()).isEqualTo("amd-mi210-64gb");
        assertThat(r.measurements().get(3).framework()).isEqualTo("pytorch 2.4.1 rocm");
        assertThat(rejections(r)).singleElement().asString()
                .startsWith("neusight-rows.csv:7: column op = \"sqrt\": is not a NeuSight operator");
    }

    @Test
    void vidurRowsBecomeTheLayersOperators() throws IOException {
        KernelReadResult r = read("vidur-ops.csv", ReadMode.LENIENT);

        assertThat(r.format()).isEqualTo(KernelFileFormat.VIDUR);
        assertThat(r.measurements()).extracting(KernelMeasurement::operator).containsExactly(
                Matmul.linear(512, 12288, 4096, false),
                new Normalization(Normalization.Variant.RMS, 512, 4096),
                new Normalization(Normalization.Variant.LAYER, 256, 2560),
                Elementwise.binary("add", 2097152),
                new Elementwise("swiglu", 11272192 / 2, 2),
                Elementwise.unary("gelu", 2621440),
                new Elementwise("rope", 4194304, 2),
                new Embedding(512, 4096, 32000));
        KernelMeasurement mm = r.measurements().get(0);
        assertThat(mm.precision()).isEqualTo(Precision.FP16);
        assertThat(mm.hardware().id()).isEqualTo("nvidia-a100-sxm-80gb");
        assertThat(mm.seconds()).isEqualTo(0.201e-3);
        assertThat(mm.secondsMin()).isEqualTo(0.198e-3);
        assertThat(mm.extraColumns()).containsEntry("model", "meta-llama/Llama-2-7b-hf")
                .containsEntry("op", "attn_pre_proj").containsEntry("tensor_parallel", "1");
        assertThat(rejections(r)).containsExactly(
                "vidur-ops.csv:10: column elements = \"2097153\": is not a multiple of n_embd 4096",
                "vidur-ops.csv:11: column kind = \"attention\": is not a Vidur operator kind (matmul, norm, "
                        + "elementwise, activation, rope, embedding)");
    }

    @Test
    void gzippedFilesAreReadAsSuch() throws IOException {
        byte[] text = Fixtures.text("kernels/vidur-ops.csv").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(text);
        }

        KernelReadResult plain = KernelCsv.read(new ByteArrayInputStream(text), "v.csv", CATALOG, ReadMode.LENIENT);
        KernelReadResult gzipped = KernelCsv.read(new ByteArrayInputStream(zipped.toByteArray()), "v.csv",
                CATALOG, ReadMode.LENIENT);

        assertThat(gzipped.measurements()).isEqualTo(plain.measurements()).hasSize(8);
    }

    @Test
    void invalidUtf8RejectsItsRow() throws IOException {
        String head = "op,device,torch,cuda,dtype,B,H,latency_ms\n";
        byte[] good = "add,Tesla T4,p2.1.0,cu121,fp32,4,8,0.03\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "add,Tesla T4,p2.1.0,cu121,fp32,4,8,0.03\n".getBytes(StandardCharsets.UTF_8);
        bad[7] = (byte) 0xC3; // a lead byte followed by a non-continuation byte, inside the device cell
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(head.getBytes(StandardCharsets.UTF_8));
        all.write(bad);
        all.write(good);

        KernelReadResult r = KernelCsv.read(new ByteArrayInputStream(all.toByteArray()), "u.csv", CATALOG,
                ReadMode.LENIENT);

        assertThat(r.measurements()).hasSize(1);
        assertThat(rejections(r)).containsExactly("u.csv:2: column device: is not valid UTF-8");
    }

    @Test
    void headersThatAreNoKernelFileFailAtOnce() {
        assertThatThrownBy(() -> KernelCsv.read(new StringReader("a,b\n1,2\n"), "x.csv", CATALOG, ReadMode.LENIENT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessageStartingWith("x.csv:1: header is not a kernel file's");
        assertThatThrownBy(() -> KernelCsv.read(new StringReader("schema_version,device\n"), "y.csv", CATALOG,
                ReadMode.LENIENT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessage("y.csv:1: header is missing required kernels-v1 columns "
                        + "[framework, dtype, kind, variant, dims, status, run_id]");
        assertThatThrownBy(() -> KernelCsv.read(new StringReader(""), "z.csv", CATALOG, ReadMode.LENIENT))
                .isInstanceOf(MeasurementFormatException.class)
                .hasMessageStartingWith("z.csv:1: is empty");
    }

    @Test
    void writtenRowsReadBackEqual() throws IOException {
        List<KernelMeasurement> rows = new java.util.ArrayList<>(
                read("kernels-v1-good.csv", ReadMode.STRICT).measurements());
        rows.addAll(read("vidur-ops.csv", ReadMode.LENIENT).measurements());
        rows.addAll(read("neusight-conv2d.csv", ReadMode.LENIENT).measurements());

        StringWriter out = new StringWriter();
        KernelCsv.write(out, rows);
        KernelReadResult back = KernelCsv.read(new StringReader(out.toString()), "back.csv", CATALOG,
                ReadMode.STRICT);

        assertThat(back.format()).isEqualTo(KernelFileFormat.KERNELS_V1);
        assertThat(back.measurements()).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            KernelMeasurement a = rows.get(i);
            KernelMeasurement b = back.measurements().get(i);
            assertThat(b.operator()).isEqualTo(a.operator());
            assertThat(b.hardware()).isEqualTo(a.hardware());
            assertThat(b.precision()).isEqualTo(a.precision());
            assertThat(b.status()).isEqualTo(a.status());
            assertThat(Double.valueOf(b.seconds())).isEqualTo(Double.valueOf(a.seconds()));
            assertThat(Double.valueOf(b.secondsMin())).isEqualTo(Double.valueOf(a.secondsMin()));
            assertThat(b.source()).isEqualTo(a.source());
            assertThat(b.extraColumns()).containsAllEntriesOf(a.extraColumns());
        }
    }
}
