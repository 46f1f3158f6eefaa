package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.Matmul;
import io.github.runtimeestimator.core.graph.Normalization;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.models.internal.DefaultEstimator;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.operators.FamilyModel;
import io.github.runtimeestimator.models.operators.KernelDataFile;
import io.github.runtimeestimator.models.operators.KernelDataSource;
import io.github.runtimeestimator.models.operators.LaunchFloors;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.models.operators.OperatorModelProvenance;
import io.github.runtimeestimator.models.operators.internal.OperatorFeatures;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The optional per-operator section of an {@code .rte} artifact: stored with its provenance, read back predicting
 * exactly what was written, absent from artifacts without one (which load as before), and refused when tampered
 * with, naming the entry and field.
 */
class OperatorModelArtifactTest {
    private static final String SOURCE = "op.rte";
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();

    /** Two hand-built one-split XGBoost trees over two of the family's features, and floors per device class. */
    private static FamilyModel family(OperatorFamily family, float split, float low, float high) {
        List<String> names = OperatorFeatures.names(family);
        List<String> inputs = List.of(names.get(0), names.get(names.size() - 1));
        CompiledTreeEnsemble trees = CompiledTreeEnsemble.xgboost(inputs, 0.5f, new int[] {0, 3},
                new int[] {0, -1, -1, 1, -1, -1}, new int[] {1, -1, -1, 4, -1, -1}, new int[] {2, -1, -1, 5, -1, -1},
                new int[] {1, -1, -1, 4, -1, -1}, new float[] {split, low, high, 1e9f, -0.25f, 0.125f});
        return FamilyModel.of(family, trees, new LaunchFloors(Map.of("gpu/nvidia/fp16", 4e-6, "gpu", 2.5e-5)),
                List.of("nvidia-a100-sxm-80gb/fp16", "nvidia-a40-48gb/fp16"), 1234);
    }

    static OperatorModel model() {
        Map<OperatorFamily, FamilyModel> families = new EnumMap<>(OperatorFamily.class);
        families.put(OperatorFamily.MATMUL, family(OperatorFamily.MATMUL, -20f, 0.75f, 1.5f));
        families.put(OperatorFamily.NORMALIZATION, family(OperatorFamily.NORMALIZATION, -25f, 0.3f, 0.9f));
        OperatorModelProvenance provenance = new OperatorModelProvenance("xgboost", Map.of("trees", "2"), 7, 2468,
                List.of(new KernelDataSource("Vidur (MLSys'24) LLM operator profiles", "github.com/microsoft/vidur",
                        "7d47513363ec447a741ac5e47241580b47724fbf", "MIT",
                        List.of(new KernelDataFile("vidur-ops/llm-ops.csv.gz", "ab".repeat(32), 2468)), 2468)),
                Map.of("nvidia-a100-sxm-80gb/fp16", Map.of("matmul", 1000L, "normalization", 234L),
                        "nvidia-a40-48gb/fp16", Map.of("matmul", 1234L)));
        return OperatorModel.of(families, provenance);
    }

    private static final List<Operator> OPERATORS = List.of(Matmul.linear(4096, 4096, 4096, false),
            Matmul.linear(8, 64, 32, true), new Normalization(Normalization.Variant.RMS, 4096, 8192));

    private static TrainedEstimator withModel() {
        return SyntheticEstimators.xgboost(5).withOperatorModel(model());
    }

    private static TrainedEstimator read(byte[] bytes) throws ArtifactFormatException {
        return EstimatorArtifact.read(bytes, SOURCE, EstimatorArtifact::featureSet);
    }

    @Test
    void aStoredPerOperatorModelReadsBackPredictingExactlyTheSame() throws Exception {
        TrainedEstimator written = withModel();
        TrainedEstimator loaded = read(EstimatorArtifact.toBytes(written));

        OperatorModel original = written.operatorModel().orElseThrow();
        OperatorModel back = loaded.operatorModel().orElseThrow();
        assertThat(back.families()).containsExactly(OperatorFamily.MATMUL, OperatorFamily.NORMALIZATION);
        assertThat(back.provenance()).isEqualTo(original.provenance());
        for (String id : List.of("nvidia-h100-sxm-80gb", "nvidia-a40-48gb", "nvidia-t4-16gb")) {
            HardwareSpec hw = CATALOG.require(id);
            for (Operator op : OPERATORS) {
                assertThat(back.predict(op, hw, Precision.FP16)).as("%s on %s", op, id)
                        .isEqualTo(original.predict(op, hw, Precision.FP16));
            }
        }
        FamilyModel matmul = back.family(OperatorFamily.MATMUL).orElseThrow();
        assertThat(matmul.floors()).isEqualTo(original.family(OperatorFamily.MATMUL).orElseThrow().floors());
        assertThat(matmul.trainedOn()).containsExactly("nvidia-a100-sxm-80gb/fp16", "nvidia-a40-48gb/fp16");
        assertThat(matmul.trainingRows()).isEqualTo(1234);
        assertThat(loaded.predictAll(SyntheticEstimators.queries(50, 1)))
                .isEqualTo(written.predictAll(SyntheticEstimators.queries(50, 1)));
    }

    @Test
    void theManifestNamesWhatTheModelWasTrainedOn() {
        byte[] bytes = EstimatorArtifact.toBytes(withModel());
        ObjectNode manifest = ArtifactSurgery.manifest(ArtifactSurgery.entries(bytes));

        ObjectNode section = (ObjectNode) manifest.get("operatorModel");
        assertThat(section.get("featureVersion").asInt()).isEqualTo(OperatorFeatures.VERSION);
        assertThat(section.at("/provenance/sources/0/commit").asText())
                .isEqualTo("7d47513363ec447a741ac5e47241580b47724fbf");
        assertThat(section.at("/provenance/sources/0/licence").asText()).isEqualTo("MIT");
        assertThat(section.at("/provenance/sources/0/files/0/path").asText()).isEqualTo("vidur-ops/llm-ops.csv.gz");
        assertThat(section.at("/provenance/rowsByDevice/nvidia-a100-sxm-80gb~1fp16/normalization").asLong())
                .isEqualTo(234);
        assertThat(section.at("/families/0/entry").asText()).isEqualTo("operators/matmul.bin");
        assertThat(ArtifactSurgery.entries(bytes).keySet()).containsExactly("manifest.json", "regressors/step.bin",
                "operators/matmul.bin", "operators/normalization.bin");
    }

    @Test
    void artifactsWithoutOneHaveNoSectionAndLoadAsBefore() throws Exception {
        TrainedEstimator plain = SyntheticEstimators.xgboost(5);
        byte[] bytes = EstimatorArtifact.toBytes(plain);

        assertThat(new String(ArtifactSurgery.entries(bytes).get("manifest.json"), StandardCharsets.UTF_8))
                .doesNotContain("operatorModel");
        assertThat(EstimatorArtifact.toBytes(withModel().withOperatorModel(null))).isEqualTo(bytes);
        assertThat(read(bytes).operatorModel()).isEmpty();
        assertThat(DefaultEstimator.get().operatorModel()).isEmpty();
    }

    @Test
    void anOperatorEntryThatWasEditedIsRefused() {
        byte[] bytes = ArtifactSurgery.editEntries(EstimatorArtifact.toBytes(withModel()), entries -> {
            byte[] e = entries.get("operators/normalization.bin").clone();
            e[e.length - 1] ^= 1;
            entries.put("operators/normalization.bin", e);
        }, false);

        assertThatThrownBy(() -> read(bytes)).isInstanceOfSatisfying(ArtifactFormatException.class, e -> {
            assertThat(e.entry()).isEqualTo("operators/normalization.bin");
            assertThat(e.field()).isEqualTo("sha256");
        });
    }

    @Test
    void sectionFieldsOutOfRangeAreRefusedByTheirPath() {
        assertRefused(m -> m.with("operatorModel").put("featureVersion", OperatorFeatures.VERSION + 1),
                "operatorModel.featureVersion", "retrain");
        assertRefused(m -> ((ObjectNode) m.at("/operatorModel/families/1")).put("family", "pooling"),
                "operatorModel.families[1].family", "not an operator family");
        assertRefused(m -> ((ObjectNode) m.at("/operatorModel/families/0/floorSeconds")).put("gpu", -1.0),
                "operatorModel.families[0].floorSeconds.gpu", "must be within");
        assertRefused(m -> ((ObjectNode) m.at("/operatorModel/families/0")).putArray("inputs")
                        .add(OperatorFeatures.names(OperatorFamily.MATMUL).get(0)).add("no_such_feature"),
                "operatorModel.families[0].inputs[1]", "not a matmul feature");
        assertRefused(m -> ((ObjectNode) m.at("/operatorModel/provenance")).put("unknown", 1),
                "operatorModel.provenance", "unknown");
    }

    @Test
    void anOperatorEntryTheManifestDoesNotListIsRefused() {
        byte[] bytes = ArtifactSurgery.editManifest(EstimatorArtifact.toBytes(withModel()), m -> m.remove(
                "operatorModel"), true);

        assertThatThrownBy(() -> read(bytes)).isInstanceOfSatisfying(ArtifactFormatException.class,
                e -> assertThat(e.entry()).isEqualTo("operators/matmul.bin"));
    }

    private static void assertRefused(java.util.function.Consumer<ObjectNode> edit, String field, String part) {
        byte[] bytes = ArtifactSurgery.editManifest(EstimatorArtifact.toBytes(withModel()), edit, true);
        assertThatThrownBy(() -> read(bytes)).as(field).isInstanceOfSatisfying(ArtifactFormatException.class, e -> {
            assertThat(e.entry()).isEqualTo("manifest.json");
            assertThat(e.field()).startsWith(field);
            assertThat(e.getMessage()).contains(part);
        });
    }
}
