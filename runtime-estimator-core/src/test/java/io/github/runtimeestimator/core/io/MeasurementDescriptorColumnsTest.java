package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional descriptor columns: read into the model, validated, written back; absent columns change nothing. */
class MeasurementDescriptorColumnsTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    private static final String HEADER = String.join(",", SchemaV1.COLUMNS)
            + ",leaf_layers,activation_elements_per_sample,matmul_flops_per_sample,note";
    private static final String ROW = "h100-run1,vm,cuda,NVIDIA H100 80GB HBM3,1,Intel(R) Xeon(R) Processor,16,16,"
            + "132,79.2,pytorch,2.11.0+cu130,resnet152,cnn,60192808,23027253248,3x224x224,infer,bf16,64,,,,,1,"
            + "0.0178239130000008,0.0178040360000011,0.0196143239999955,9,,ok,2100,\"avx512,amx\"";

    private static MeasurementReadResult read(String csv) throws IOException {
        return MeasurementCsv.read(new StringReader(csv), "inline.csv", CATALOG, ReadMode.LENIENT);
    }

    @Test
    void descriptorColumnsAreReadIntoTheModelAndWrittenBack() throws IOException {
        MeasurementReadResult r = read(HEADER + "\n" + ROW + ",311,5.1e7,2.3e10,x\n" + ROW + ",,,,y\n");
        assertThat(r.rejections()).isEmpty();
        ModelSpec described = r.measurements().get(0).workload().model();
        assertThat(described.leafLayers()).isEqualTo(311L);
        assertThat(described.activationElementsPerSample()).isEqualTo(5.1e7);
        assertThat(described.matmulFlopsPerSample()).isEqualTo(2.3e10);
        ModelSpec bare = r.measurements().get(1).workload().model();
        assertThat(bare.leafLayers()).isNull();
        assertThat(bare.activationElements()).isEmpty();
        // the descriptors are schema columns, not extras
        assertThat(r.measurements().get(0).extraColumns()).containsOnlyKeys("note");

        StringWriter out = new StringWriter();
        MeasurementCsv.write(out, r.measurements());
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo(HEADER);
        assertThat(lines[1]).endsWith(",311,51000000,23000000000,x");
        assertThat(lines[2]).endsWith(",,,,y");
        assertThat(read(out.toString()).measurements()).isEqualTo(r.measurements());
    }

    @Test
    void badDescriptorsAreRejectedNamingTheirColumn() throws IOException {
        MeasurementReadResult r = read(HEADER + "\n" + ROW + ",0,,,\n" + ROW + ",3,-1,,\n" + ROW + ",3,1,9e99,\n"
                + ROW + ",2.5,,,\n");
        assertThat(r.measurements()).isEmpty();
        assertThat(r.rejections()).extracting(RowRejection::column, RowRejection::value, RowRejection::reason)
                .containsExactly(
                        tuple("leaf_layers", "0", "must be >= 1"),
                        tuple("activation_elements_per_sample", "-1", "must be a finite number > 0"),
                        tuple("matmul_flops_per_sample", "9e99",
                                "must not exceed model.flopsPerSample (2.3027253248E10)"),
                        tuple("leaf_layers", "2.5", "is not a whole number within range"));
    }

    @Test
    void aFileWithoutThemIsWrittenWithoutThem() throws IOException {
        MeasurementReadResult r = read(String.join(",", SchemaV1.COLUMNS) + "\n" + ROW + "\n");
        StringWriter out = new StringWriter();
        MeasurementCsv.write(out, r.measurements());
        assertThat(out.toString().split("\n")[0]).isEqualTo(String.join(",", SchemaV1.COLUMNS));
    }

    @Test
    void jsonLinesCarryThemAsNumbers() throws IOException {
        MeasurementReadResult r = read(HEADER + "\n" + ROW + ",311,5.1e7,,x\n");
        StringWriter out = new StringWriter();
        MeasurementJsonLines.write(out, r.measurements());
        assertThat(out.toString()).contains("\"leaf_layers\":311")
                .contains("\"activation_elements_per_sample\":51000000")
                .doesNotContain("matmul_flops_per_sample");
        List<Measurement> back = MeasurementJsonLines.read(new StringReader(out.toString()), "x.jsonl", CATALOG,
                ReadMode.STRICT).measurements();
        assertThat(back).isEqualTo(r.measurements());
    }

    /** The EPYC file has the collector's leaf_layers and activation_elements_per_sample: the catalogue's own. */
    @Test
    void theSharedEpycRowsCarryTheCataloguesDescriptors() throws IOException {
        MeasurementReadResult r = MeasurementCsv.read(RepositoryFiles.dataset("epyc2-pytorch-cpu.csv"), CATALOG,
                ReadMode.STRICT);
        assertThat(r.measurements()).hasSize(639).allSatisfy(m -> {
            ModelSpec row = m.workload().model();
            ModelSpec entry = ModelCatalog.builtIn().find(row.name(), row.inputShape()).orElseThrow();
            assertThat(row.leafLayers()).isEqualTo(entry.leafLayers());
            assertThat(row.activationElementsPerSample()).isEqualTo(entry.activationElementsPerSample());
            assertThat(row.matmulFlopsPerSample()).isNull();
            assertThat(m.extraColumns()).doesNotContainKeys("leaf_layers", "activation_elements_per_sample")
                    .containsKey("elementwise_flops_per_sample");
        });
    }
}
