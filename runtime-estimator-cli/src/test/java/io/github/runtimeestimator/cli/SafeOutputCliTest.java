package io.github.runtimeestimator.cli;

import static io.github.runtimeestimator.cli.CliHarness.assertOneLineReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No lost files and no silent output failures (issue 15, item 4). */
class SafeOutputCliTest {
    private static final Path DEV_FULL = Path.of("/dev/full");

    @TempDir
    Path tmp;

    private final Path xeon = RepositoryFiles.dataset("xeon16-pytorch-cpu.csv");

    private Path spec() throws IOException {
        return Files.writeString(tmp.resolve("spec.json"), """
                {"model": {"name": "resnet50", "parameters": 25557032, "flopsPerSample": 8.18e9},
                 "job": {"phase": "infer", "batchSize": 32}, "precision": "fp32", "hardware": "intel-xeon-emr-16c"}
                """);
    }

    private Path offers() throws IOException {
        return Files.writeString(tmp.resolve("offers.json"), "{\"formatVersion\": 1, \"offers\": [{\"id\": \"h100\","
                + " \"hardware\": \"nvidia-h100-sxm-80gb\", \"pricePerDeviceHour\": 3, \"currency\": \"USD\","
                + " \"provider\": \"p\"}]}");
    }

    private CliHarness.Result train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", xeon.toString(), "--trainer",
                "linear", "--features", "seed", "--quiet"));
        args.addAll(List.of(extra));
        return CliHarness.run(EstimatorSource.standard(), args.toArray(new String[0]));
    }

    private List<Path> folder() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.sorted().toList();
        }
    }

    @Test
    void outNeverOverwritesAnInputOfTheCommand() throws IOException {
        Path data = Files.copy(xeon, tmp.resolve("data.csv"));
        byte[] before = Files.readAllBytes(data);

        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "train", "--data", data.toString(),
                "--trainer", "linear", "--features", "seed", "--out", data.toString(), "--force", "--quiet");

        assertOneLineReason(r, "--out " + data + " is also an input of this command");
        assertThat(Files.readAllBytes(data)).isEqualTo(before);
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), data);
        assertOneLineReason(CliHarness.run(EstimatorSource.standard(), "train", "--data", data.toString(),
                "--out", link.toString(), "--force", "--quiet"), "is also an input of this command");
    }

    @Test
    void outRefusesADirectory() {
        assertOneLineReason(train("--out", tmp.toString()), "is a directory; name the file to write");
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForceOrWhenItIsAnArtifact() throws IOException {
        Path notes = Files.writeString(tmp.resolve("notes.json"), "{\"keep\": true}");
        assertOneLineReason(train("--out", notes.toString()), "exists and is not an .rte artifact; add --force");
        assertThat(notes).hasContent("{\"keep\": true}");

        CliHarness.Result forced = train("--out", notes.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readAllBytes(notes)).startsWith('P', 'K');

        Path artifact = Files.writeString(tmp.resolve("old.rte"), "an older estimator");
        CliHarness.Result replaced = train("--out", artifact.toString());
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(Files.readAllBytes(artifact)).startsWith('P', 'K');
        assertThat(folder()).as("no temporary file is left beside them").containsExactly(notes, artifact);
    }

    @Test
    void aWriteErrorOnStandardOutputExitsTwoWithAMessageOnStandardError() throws IOException {
        assumeTrue(Files.exists(DEV_FULL), "/dev/full does not exist on this system");
        String spec = spec().toString();
        String offers = offers().toString();
        List<String[]> commands = List.of(
                new String[] {"predict", "--spec", spec},
                new String[] {"plan", "--spec", spec, "--offers", offers, "--deadline", "2h"},
                new String[] {"evaluate", "--data", xeon.toString()},
                new String[] {"validate", "--data", xeon.toString()},
                new String[] {"catalog"},
                new String[] {"--help"});
        for (String[] args : commands) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (FileOutputStream full = new FileOutputStream(DEV_FULL.toFile())) {
                code = CliHarness.runOn(CliHarness.STUBS, full, err, args);
            }
            String stderr = err.toString(StandardCharsets.UTF_8);
            assertThat(code).as(args[0] + ": " + stderr).isEqualTo(2);
            assertThat(stderr.strip()).as(args[0])
                    .isEqualTo("runtime-estimator: cannot write to standard output: No space left on device");
        }
    }

    @Test
    void theSameCommandsExitZeroOnAWorkingOutput() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CliHarness.runOn(CliHarness.STUBS, out, err, "predict", "--spec", spec().toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"seconds\"");
    }
}
