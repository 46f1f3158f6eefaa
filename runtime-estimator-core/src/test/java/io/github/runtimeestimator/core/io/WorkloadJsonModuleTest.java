package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import org.junit.jupiter.api.Test;

/** A plain ObjectMapper with the library's module binds spec JSON as the library's own reader does. */
class WorkloadJsonModuleTest {
    private static final String SPEC = """
            {"model": "resnet50",
             "job": {"phase": "train_epoch", "batchSize": 64, "optimizer": "sgd", "learningRate": 0.1,
                     "datasetSize": 6400},
             "precision": "bf16",
             "hardware": {"id": "NVIDIA H100 80GB HBM3", "deviceCount": 2}}
            """;

    @Test
    void aPlainMapperWithTheModuleReadsWhatSpecJsonReads() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new WorkloadJsonModule());

        WorkloadSpec bound = mapper.readValue(SPEC, WorkloadSpec.class);

        assertThat(bound).isEqualTo(SpecJson.readWorkload(SPEC, HardwareCatalog.builtIn()));
        assertThat(bound.model()).isEqualTo(ModelCatalog.builtIn().require("resnet50"));
        assertThat(bound.requireHardware().id()).isEqualTo("nvidia-h100-sxm-80gb");
        assertThat(bound.requireHardware().deviceCount()).isEqualTo(2);
    }

    @Test
    void theModulesCataloguesResolveTheNames() throws Exception {
        ModelCatalog mine = ModelCatalog.of(java.util.List.of(ModelCatalog.builtIn().require("resnet50")
                .toBuilder().name("my_net").build()));
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new WorkloadJsonModule(HardwareCatalog.builtIn(), mine));

        WorkloadSpec bound = mapper.readValue(SPEC.replace("\"resnet50\"", "\"my_net\""), WorkloadSpec.class);

        assertThat(bound.model().name()).isEqualTo("my_net");
        assertThatThrownBy(() -> mapper.readValue(SPEC, WorkloadSpec.class))
                .hasMessageContaining("resnet50");
    }

    @Test
    void aBadValueFailsNamingTheFieldAndTheRule() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new WorkloadJsonModule());

        assertThatThrownBy(() -> mapper.readValue(SPEC.replace("\"batchSize\": 64", "\"batchSize\": -1"),
                WorkloadSpec.class))
                .hasMessageContaining("job.batchSize = -1").hasMessageContaining("must be >= 1");
        assertThatThrownBy(() -> mapper.readValue(SPEC.replace("NVIDIA H100 80GB HBM3", "tpu-v9"),
                WorkloadSpec.class))
                .hasMessageContaining("tpu-v9").hasMessageContaining("not in the hardware catalogue");
    }
}
