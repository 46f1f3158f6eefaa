package io.github.runtimeestimator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example's models carry the parameter counts and FLOPs measured in the shared H100 data. */
class DemoQueueTest {

    @Test
    void modelsMatchTheSharedH100Rows() throws IOException {
        Path csv = RepositoryFiles.dataset("h100-sxm-pytorch.csv");
        List<Measurement> rows = MeasurementCsv.read(csv, HardwareCatalog.builtIn(), ReadMode.LENIENT).measurements();

        for (ModelSpec m : List.of(DemoQueue.RESNET50, DemoQueue.BERT_BASE, DemoQueue.VIT_B_16, DemoQueue.MLP_1024_4)) {
            List<ModelSpec> measured = rows.stream().map(r -> r.workload().model())
                    .filter(r -> r.name().equals(m.name())).distinct().toList();
            assertThat(measured).as(m.name()).isNotEmpty();
            for (ModelSpec r : measured) {
                assertThat(m.parameters()).as(m.name() + " params").isEqualTo(r.parameters());
                assertThat(m.flopsPerSample()).as(m.name() + " flops").isEqualTo(r.flopsPerSample());
                assertThat(m.inputShape()).as(m.name() + " input").isEqualTo(r.inputShape());
                assertThat(m.family()).as(m.name() + " family").isEqualTo(r.family());
            }
        }
    }
}
