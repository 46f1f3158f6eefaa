package io.github.runtimeestimator.cli;

import static io.github.runtimeestimator.cli.CliHarness.assertOneLineReason;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input exits 2 with one line on stderr, never 1 with a stack trace (issue 15, items 2, 3 and 5);
 * huge but valid numbers are answered exactly.
 */
class HostileInputCliTest {
    @TempDir
    Path tmp;

    private static final String MODEL = "{\"name\": \"resnet50\", \"family\": \"cnn\", \"parameters\": 25557032,"
            + " \"flopsPerSample\": 8.18e9}";
    private static final String EPOCH = "{\"phase\": \"train_epoch\", \"batchSize\": 64, \"optimizer\": \"sgd\","
            + " \"learningRate\": 0.1, \"datasetSize\": 1281167}";

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private Path spec(String model, String job) throws IOException {
        return file("spec.json", "{\"model\": " + model + ",\n \"job\": " + job
                + ",\n \"precision\": \"bf16\", \"hardware\": \"nvidia-h100-sxm-80gb\"}");
    }

    private Path offers() throws IOException {
        return file("offers.json", "{\"formatVersion\": 1, \"offers\": [{\"id\": \"h100\", \"hardware\":"
                + " \"nvidia-h100-sxm-80gb\", \"pricePerDeviceHour\": 3, \"currency\": \"USD\", \"provider\": \"p\"}]}");
    }

    @Test
    void aRepeatedKeyInASpecExitsTwoNamingItsPath() throws IOException {
        Path spec = spec(MODEL, "{\"phase\": \"infer\", \"batchSize\": 64, \"batchSize\": 1}");
        assertOneLineReason(CliHarness.run("predict", "--spec", spec.toString()),
                "$.job.batchSize: duplicate key \"batchSize\"");
    }

    @Test
    void trailingGarbageAndNonFiniteNumbersExitTwo() throws IOException {
        Path trailing = file("trailing.json", Files.readString(spec(MODEL, EPOCH)) + " {\"more\": 1}");
        assertOneLineReason(CliHarness.run("predict", "--spec", trailing.toString()), "Trailing");
        Path infinite = spec(MODEL.replace("8.18e9", "1e400"), EPOCH);
        assertOneLineReason(CliHarness.run("predict", "--spec", infinite.toString()),
                "$.model.flopsPerSample: non-finite number 1e400: must be a finite number");
    }

    @Test
    void aJobOfMoreStepsThanALongHoldsExitsTwo() throws IOException {
        Path spec = spec(MODEL, "{\"phase\": \"train_job\", \"batchSize\": 1, \"optimizer\": \"sgd\","
                + " \"datasetSize\": 9000000000000000000, \"epochs\": 2000000000}");
        assertOneLineReason(CliHarness.run("predict", "--spec", spec.toString()),
                "job.epochs = 2000000000: times 9000000000000000000 steps per epoch is more than");
        Path tooBig = spec(MODEL, EPOCH.replace("1281167", "100000000000000000000"));
        assertOneLineReason(CliHarness.run("predict", "--spec", tooBig.toString()), "$.job.datasetSize");
    }

    @Test
    void aThreeGibSpecFailsAtOnceWithOneLine() throws IOException {
        Path huge = tmp.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        long start = System.nanoTime();
        assertOneLineReason(CliHarness.run("predict", "--spec", huge.toString()),
                "the file has 3221225472 bytes; a spec may have at most 16777216 (16 MiB)");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(5);
    }

    @Test
    void aHugeDeadlineIsAnsweredAndAnUnrepresentableOneExitsTwo() throws IOException {
        CliHarness.Result ok = CliHarness.run("plan", "--spec", spec(MODEL, EPOCH).toString(), "--offers",
                offers().toString(), "--deadline", "9999999999999d", "--format", "json");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        JsonNode plan = JsonMappers.strict().readTree(ok.out());
        assertThat(plan.get("deadlineSeconds").asDouble()).isEqualTo(9_999_999_999_999d * 86_400);
        assertThat(plan.get("chosenOfferId").asText()).isEqualTo("h100");

        assertOneLineReason(CliHarness.run("plan", "--spec", spec(MODEL, EPOCH).toString(), "--offers",
                offers().toString(), "--deadline", "99999999999999999999999d"), "is too large for a duration");
    }

    @Test
    void theLargestMaxBatchSearchesPositiveBatches() throws IOException {
        CliHarness.Result r = CliHarness.run("plan", "--spec", spec(MODEL, EPOCH).toString(), "--offers",
                offers().toString(), "--deadline", "12h", "--batch-search", "--max-batch", "2147483647",
                "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode search = JsonMappers.strict().readTree(r.out()).get("batchSearch").get(0);
        assertThat(search.get("largestFittingBatch").asInt()).isPositive();
        search.get("options").forEach(o -> assertThat(o.get("batchSize").asInt()).isPositive());

        assertOneLineReason(CliHarness.run("plan", "--spec", spec(MODEL, EPOCH).toString(), "--offers",
                offers().toString(), "--deadline", "12h", "--batch-search", "--max-batch", "99999999999"),
                "--max-batch");
    }

    @Test
    void anUnusableTemporaryFolderExitsTwo() throws IOException {
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.resolve("no-such-folder").toString());
        try {
            assertOneLineReason(CliHarness.run("predict", "--spec", spec(MODEL, EPOCH).toString()),
                    "(java.io.tmpdir) does not exist; point -Djava.io.tmpdir at a writable folder");
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }

    @Test
    void validateReportsRowsFasterThanPhysicsOrSlowerThanADayWithFileAndLine() throws IOException {
        List<Measurement> rows = new ArrayList<>(MeasurementCsv.read(RepositoryFiles.dataset("xeon16-pytorch-cpu.csv"),
                HardwareCatalog.builtIn(), ReadMode.STRICT).measurements().subList(0, 3));
        rows.set(1, withSeconds(rows.get(1), 1e-300));
        rows.set(2, withSeconds(rows.get(2), 1e300));
        Path csv = tmp.resolve("poisoned.csv");
        MeasurementCsv.write(csv, rows);

        CliHarness.Result r = CliHarness.run("validate", "--data", csv.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("1 rows (1 ok, 0 not ok), 2 rejected");
        assertThat(r.err().lines()).hasSize(2);
        assertThat(r.err()).contains("poisoned.csv:3: column time_s = \"1.0E-300\": 1.000e-300 s per step is below"
                + " the physical floor");
        assertThat(r.err()).contains("poisoned.csv:4: column time_s = \"1.0E300\": 1.000e+300 s per step is above"
                + " the ceiling of 86400 s (one day) per step");
        assertOneLineReason(CliHarness.run("validate", "--strict", "--data", csv.toString()), "poisoned.csv:3:");
    }

    private static Measurement withSeconds(Measurement m, double seconds) {
        return new Measurement(m.workload(), m.status(), seconds, Double.NaN, Double.NaN, m.repeats(), m.steps(),
                m.peakMemoryMib(), m.run(), m.extraColumns());
    }

    /** Values a careless or hostile user puts in a number field. */
    private static final String[] NUMBERS = {"-1", "0", "1", "2.5", "1e-300", "1e300", "1e400", "-1e400", "\"NaN\"",
        "\"64\"", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
        "1.7976931348623157e308", "4.9e-324", "null", "true", "[]", "{}"};

    @Test
    void randomHugeAndNegativeNumbersInSpecsNeverExitOne() throws IOException {
        Random random = new Random(15_015);
        String[] phases = {"infer", "train_step", "train_epoch", "train_job"};
        String[] hardware = {"\"nvidia-h100-sxm-80gb\"", "\"intel-xeon-emr-16c\"", "\"nvidia-t4-16gb\"",
            "{\"id\": \"u\", \"name\": \"U\", \"kind\": \"gpu\", \"peakFlopsPerSecond\": {\"fp32\": %s},"
                    + " \"memoryBytes\": %s, \"memoryBandwidthBytesPerSecond\": %s, \"computeUnits\": 1,"
                    + " \"clockMhz\": 1000}"};
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            String hw = hardware[random.nextInt(hardware.length)].formatted(pick(random), pick(random), pick(random));
            Path spec = file("random.json", "{\"model\": {\"name\": \"m\", \"parameters\": " + pick(random)
                    + ", \"flopsPerSample\": " + pick(random) + "},\n \"job\": {\"phase\": \""
                    + phases[random.nextInt(phases.length)] + "\", \"batchSize\": " + pick(random)
                    + ", \"optimizer\": \"adam\", \"learningRate\": " + pick(random) + ", \"datasetSize\": "
                    + pick(random) + ", \"epochs\": " + pick(random) + "},\n \"precision\": \"fp32\", \"hardware\": "
                    + hw + "}");
            String[] args = random.nextBoolean()
                    ? new String[] {"predict", "--spec", spec.toString()}
                    : new String[] {"plan", "--spec", spec.toString(), "--offers", offers().toString(), "--deadline",
                        random.nextInt(100_000) + "d", "--batch-search", "--max-batch",
                        String.valueOf(1 + random.nextInt(Integer.MAX_VALUE)), "--format", "json"};
            CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), args);
            assertThat(r.exitCode()).as("%s%n%s%n%s", String.join(" ", args), Files.readString(spec), r.err())
                    .isIn(0, 2);
            if (r.exitCode() == 2) {
                refused++;
                assertOneLineReason(r, "");
            } else {
                answered++;
                assertThat(JsonMappers.strict().readTree(r.out())).isNotNull();
            }
        }
        assertThat(answered).as("some random specs are valid and answered").isPositive();
        assertThat(refused).as("and some are refused").isPositive();
    }

    private static String pick(Random random) {
        return random.nextInt(5) != 0 ? String.valueOf(1 + random.nextInt(1_000))
                : NUMBERS[random.nextInt(NUMBERS.length)];
    }
}
