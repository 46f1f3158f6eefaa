package io.github.runtimeestimator.training.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.models.internal.DefaultEstimator;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.operators.KernelDataSource;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A per-operator model trained on this project's CPU kernel rows ({@code datasets/kernels/epyc2-kernels-cpu.csv})
 * is stored in an {@code .rte} artifact with the file's provenance and row counts, and loads (predict-only,
 * compiled trees) predicting bit for bit what the trained model predicts.
 */
class OperatorModelStorageTest {
    private static final Path FILE = RepositoryFiles.dataset("kernels/epyc2-kernels-cpu.csv");
    private static final OperatorTrainingOptions FAST = OperatorTrainingOptions.DEFAULTS.withTrees(40)
            .withMaxDepth(5).withThreads(1);
    private static KernelFiles files;
    private static OperatorModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws Exception {
        files = KernelFiles.read(List.of(FILE), HardwareCatalog.builtIn());
        model = new OperatorModelTrainer(FAST).train(files.measurements(), files.sources());
    }

    @Test
    void theFilesProvenanceNamesTheFileItsDigestAndRows() {
        KernelDataSource source = files.sources().get(0);

        assertThat(files.sources()).hasSize(1);
        assertThat(source.name()).startsWith("kernels-v1 measurements").contains("collector");
        assertThat(source.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("kernels/epyc2-kernels-cpu.csv");
            assertThat(f.sha256()).matches("[0-9a-f]{64}");
            assertThat(f.rows()).isEqualTo(files.measurements().size());
        });
        assertThat(files.rejections()).isEmpty();
    }

    @Test
    void rowsAreCountedPerDeviceThreadsPrecisionAndFamily() {
        Map<String, Map<String, Long>> rows = model.provenance().rowsByDevice();
        long supported = files.measurements().stream().filter(m -> OperatorFamily.of(m.operator()).isPresent())
                .count();

        assertThat(rows.values().stream().flatMap(f -> f.values().stream()).mapToLong(Long::longValue).sum())
                .isEqualTo(supported);
        assertThat(rows.keySet()).allMatch(k -> k.matches(".+@[12]t/(fp32|bf16)"));
        assertThat(model.provenance().rows()).isEqualTo(files.measurements().size());
    }

    @Test
    void aStoredModelPredictsWhatTheTrainedOneDoes() throws Exception {
        TrainedEstimator base = DefaultEstimator.get();
        Path file = dir.resolve("cpu-ops.rte");
        base.withOperatorModel(model).save(file);

        TrainedEstimator loaded = EstimatorArtifact.read(file);

        OperatorModel back = loaded.operatorModel().orElseThrow();
        assertThat(back.families()).isEqualTo(model.families());
        assertThat(back.provenance()).isEqualTo(model.provenance());
        Set<Operator> seen = new LinkedHashSet<>();
        int checked = 0;
        for (KernelMeasurement m : files.measurements()) {
            if (model.supports(m.operator()) && seen.add(m.operator()) && checked++ < 2_000) {
                HardwareSpec hw = m.hardware();
                Precision p = m.precision();
                assertThat(back.predict(m.operator(), hw, p)).isEqualTo(model.predict(m.operator(), hw, p));
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(loaded.describe()).isEqualTo(base.describe());
    }
}
