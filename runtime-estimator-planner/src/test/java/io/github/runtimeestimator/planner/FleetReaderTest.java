package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet file is read as strictly as every other JSON the library reads, and its faults say where they are. */
class FleetReaderTest {
    private static final String FLEET = """
            {"formatVersion": 1,
             "jobs": [{"id": "infer", "deadline": "1h",
                       "spec": {"model": "resnet50", "job": {"phase": "infer", "batchSize": 32},
                                "hardware": "nvidia-h100-sxm-80gb"}}],
             "pool": [{"id": "lab", "hardware": "nvidia-a100-sxm-80gb", "count": 4, "currency": "USD"}]}
            """;

    @TempDir
    Path dir;

    private final FleetReader reader = new FleetReader(HardwareCatalog.builtIn(), ModelCatalog.builtIn());

    @Test
    void aValidFleetReads() throws IOException {
        FleetReader.Fleet fleet = reader.read(Files.writeString(dir.resolve("fleet.json"), FLEET));
        assertThat(fleet.jobs()).hasSize(1);
        assertThat(fleet.pools()).hasSize(1);
    }

    @Test
    void aRepeatedKeyIsRefusedWithItsJsonPathAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.json"),
                FLEET.replace("\"deadline\": \"1h\",", "\"deadline\": \"1h\", \"deadline\": \"1s\","));
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("fleet.json: not valid JSON: Duplicate field 'deadline'")
                .hasMessageContaining("at $.jobs[0].deadline (line 2, column");
    }

    @Test
    void trailingContentIsRefusedWithItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.json"), FLEET + "{}");
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("fleet.json: not valid JSON").hasMessageContaining("(line 6, column 1)");
    }
}
