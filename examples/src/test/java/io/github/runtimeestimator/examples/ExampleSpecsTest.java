package io.github.runtimeestimator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The spec files under {@code examples/specs} (used by the README) read with {@link SpecJson}. */
class ExampleSpecsTest {

    private static WorkloadSpec read(String name) throws IOException {
        return SpecJson.readWorkload(Paths.example("specs/" + name), HardwareCatalog.builtIn());
    }

    @Test
    void everySpecFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Paths.example("specs"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("resnet50-h100-epoch.json",
                "bert-infer-l4.json", "resnet50-imagenet-90-epochs.json", "mlp-cpu.json");
        for (Path f : files) {
            WorkloadSpec w = SpecJson.readWorkload(f, HardwareCatalog.builtIn());
            assertThat(w.hardware()).as(f.toString()).isNotNull();
        }
    }

    @Test
    void resnet50EpochOnH100() throws IOException {
        WorkloadSpec w = read("resnet50-h100-epoch.json");
        assertThat(w.model().parameters()).isEqualTo(DemoQueue.RESNET50.parameters());
        assertThat(w.model().flopsPerSample()).isEqualTo(DemoQueue.RESNET50.flopsPerSample());
        assertThat(w.job().phase()).isEqualTo(Phase.TRAIN_EPOCH);
        assertThat(w.job().batchSize()).isEqualTo(64);
        assertThat(w.job().optimizer()).isEqualTo(Optimizer.SGD);
        assertThat(w.job().learningRate()).isEqualTo(0.1);
        assertThat(w.job().datasetSize()).isEqualTo(1_281_167L);
        assertThat(w.job().steps()).isEqualTo(20_019L);
        assertThat(w.precision()).isEqualTo(Precision.BF16);
        assertThat(w.hardware().id()).isEqualTo("nvidia-h100-sxm-80gb");
    }

    @Test
    void theOtherSpecs() throws IOException {
        WorkloadSpec job = read("resnet50-imagenet-90-epochs.json");
        assertThat(job.job().phase()).isEqualTo(Phase.TRAIN_JOB);
        assertThat(job.job().epochs()).isEqualTo(90);
        assertThat(job.job().steps()).isEqualTo(5_005L * 90);

        WorkloadSpec bert = read("bert-infer-l4.json");
        assertThat(bert.job().phase()).isEqualTo(Phase.INFER);
        assertThat(bert.model().parameters()).isEqualTo(DemoQueue.BERT_BASE.parameters());
        assertThat(bert.hardware().id()).isEqualTo("nvidia-l4-24gb");

        WorkloadSpec mlp = read("mlp-cpu.json");
        assertThat(mlp.model().flopsPerSample()).isEqualTo(DemoQueue.MLP_1024_4.flopsPerSample());
        assertThat(mlp.hardware().id()).isEqualTo("amd-epyc-zen4-2c");
        assertThat(mlp.precision()).isEqualTo(Precision.FP32);
    }
}
