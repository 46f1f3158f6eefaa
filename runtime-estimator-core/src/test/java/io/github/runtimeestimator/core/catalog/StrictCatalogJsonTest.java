package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's hardware catalogue is strict JSON: a repeated key or an infinite figure fails naming the file. */
class StrictCatalogJsonTest {
    @TempDir
    Path dir;

    private static final String ENTRY = "{\"id\": \"u\", \"name\": \"U\", \"kind\": \"gpu\", \"peakFlopsPerSecond\":"
            + " {\"fp32\": %s}, \"memoryBytes\": 1073741824, \"memoryBandwidthBytesPerSecond\": 1e12,"
            + " \"computeUnits\": 1, \"clockMhz\": 1000%s}";

    private Path catalog(String entry) throws IOException {
        return Files.writeString(dir.resolve("extra.json"), "{\"formatVersion\": 1, \"entries\": [" + entry + "]}");
    }

    @Test
    void aRepeatedKeyFails() throws IOException {
        Path file = catalog(ENTRY.formatted("1e12", ", \"clockMhz\": 2000"));
        assertThatThrownBy(() -> HardwareCatalog.fromJson(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("extra.json").hasMessageContaining("Duplicate").hasMessageContaining("clockMhz")
                .hasMessageContaining("at $.entries[0].clockMhz (line 1, column");
    }

    @Test
    void anInfinitePeakFails() throws IOException {
        Path file = catalog(ENTRY.formatted("1e400", ""));
        assertThatThrownBy(() -> HardwareCatalog.fromJson(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("must be a finite number");
    }
}
