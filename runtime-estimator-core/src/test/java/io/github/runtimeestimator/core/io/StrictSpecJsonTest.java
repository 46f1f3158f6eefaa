package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs are strict JSON: repeated keys, trailing content, non-finite numbers and huge files fail with their path. */
class StrictSpecJsonTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();

    @TempDir
    Path dir;

    private static String workload(String model, String job) {
        return "{\"model\": " + model + ",\n \"job\": " + job + ",\n \"hardware\": \"nvidia-h100-sxm-80gb\"}";
    }

    private static final String MODEL = "{\"name\": \"resnet50\", \"parameters\": 25557032, \"flopsPerSample\": 8.18e9}";
    private static final String JOB = "{\"phase\": \"infer\", \"batchSize\": 64}";

    @Test
    void aRepeatedKeyIsRefusedWithItsPath() {
        assertThatThrownBy(() -> SpecJson.readWorkload(workload(MODEL,
                "{\"phase\": \"infer\", \"batchSize\": 64, \"batchSize\": 1}"), CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessageStartingWith("$.job.batchSize: duplicate key \"batchSize\"")
                .satisfies(e -> assertThat(((SpecFormatException) e).path()).isEqualTo("$.job.batchSize"));
        assertThatThrownBy(() -> SpecJson.readWorkload("{\"model\": " + MODEL + ", \"model\": " + MODEL
                + ", \"job\": " + JOB + "}", CATALOG)).hasMessageStartingWith("$.model: duplicate key");
    }

    @Test
    void trailingContentIsRefused() {
        assertThatThrownBy(() -> SpecJson.readWorkload(workload(MODEL, JOB) + " {}", CATALOG))
                .isInstanceOf(SpecFormatException.class).hasMessageContaining("Trailing");
    }

    @Test
    void nonFiniteNumbersAreRefusedWithTheirPath() {
        for (String bad : new String[] {"1e400", "\"NaN\"", "\"Infinity\"", "-1e999"}) {
            assertThatThrownBy(() -> SpecJson.readWorkload(workload(
                    "{\"name\": \"m\", \"parameters\": 1, \"flopsPerSample\": " + bad + "}", JOB), CATALOG)).as(bad)
                    .isInstanceOf(SpecFormatException.class)
                    .hasMessageStartingWith("$.model.flopsPerSample: ")
                    .hasMessageContaining("must be a finite number");
        }
        assertThatThrownBy(() -> SpecJson.readEstimate("{\"seconds\": 1e400, \"lowerSeconds\": 1,"
                + " \"upperSeconds\": 2, \"secondsPerStep\": 1, \"steps\": 1, \"coverage\": 0.8, \"estimator\": \"x\"}"))
                .hasMessageStartingWith("$.seconds: ");
    }

    @Test
    void wholeNumbersOutOfRangeAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> SpecJson.readWorkload(workload(MODEL,
                "{\"phase\": \"train_epoch\", \"batchSize\": 64, \"optimizer\": \"sgd\","
                        + " \"datasetSize\": 100000000000000000000}"), CATALOG))
                .isInstanceOf(SpecFormatException.class).hasMessageStartingWith("$.job.datasetSize: ");
        assertThatThrownBy(() -> SpecJson.readWorkload(workload(MODEL,
                "{\"phase\": \"infer\", \"batchSize\": 2147483648}"), CATALOG))
                .hasMessageStartingWith("$.job.batchSize: ");
    }

    @Test
    void aHugeSpecFileFailsAtOnceWithoutBeingRead() throws IOException {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // 3 GiB, sparse: nothing is written
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> SpecJson.readWorkload(huge, CATALOG))
                .isInstanceOf(SpecFormatException.class)
                .hasMessage("huge.json: $: the file has 3221225472 bytes; a spec may have at most 16777216 (16 MiB)");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds to refuse it").isLessThan(5);
    }

    @Test
    void aSpecStreamIsCutOffAtTheLimit() {
        String padded = workload(MODEL, JOB).replace("\n", " ".repeat(9_000_000));
        assertThat(padded.length()).isGreaterThan((int) SpecJson.MAX_SPEC_BYTES);
        assertThatThrownBy(() -> SpecJson.readWorkload(padded, CATALOG))
                .isInstanceOf(SpecFormatException.class).hasMessageContaining("exceeds the maximum");
    }
}
