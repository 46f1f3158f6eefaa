package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The EPYC file's leaf_layers and activation_elements_per_sample columns are read into its rows' models since
 * schema v1 gained them: the physics features of every row are bit for bit those the row had before (its
 * descriptors then came from the model catalogue by name), so the shipped default's training data is unchanged.
 */
class DescriptorColumnsFeaturesTest {

    @Test
    void rowsWithTheirOwnDescriptorsHaveTheFeaturesTheCatalogueGaveThem() throws IOException {
        List<Measurement> rows = MeasurementCsv.read(RepositoryFiles.dataset("epyc2-pytorch-cpu.csv"),
                HardwareCatalog.builtIn(), ReadMode.STRICT).measurements();
        FeatureExtractor physics = FeatureSets.physics();
        double[] own = new double[physics.names().size()];
        double[] before = new double[physics.names().size()];
        int described = 0;
        for (Measurement m : rows) {
            ModelSpec model = m.workload().model();
            if (model.leafLayers() != null) {
                described++;
            }
            ModelSpec bare = model.toBuilder().leafLayers(null).activationElementsPerSample(null)
                    .matmulFlopsPerSample(null).build();
            physics.extractInto(m.workload(), own);
            physics.extractInto(m.workload().withModel(bare), before);
            assertThat(own).as("%s", m.workload()).containsExactly(before);
        }
        assertThat(described).isEqualTo(rows.size()).isEqualTo(639);
    }
}
