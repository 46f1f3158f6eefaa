package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.testing.RepositoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert} turns a format-1 artifact into one {@code predict} reads; {@code predict} says how otherwise. */
class ConvertCommandTest {
    /** A format-1 artifact written by runtime-estimator-training's last format-1 version (see its README). */
    private static final Path V1 = RepositoryFiles.root().resolve(
            "runtime-estimator-training/src/test/resources/io/github/runtimeestimator/training/v1/linear.rte");

    @TempDir
    Path tmp;

    @Test
    void aFormatOneArtifactIsRefusedByPredictWithTheConvertCommandAndPredictsOnceConverted() throws Exception {
        Path spec = Files.writeString(tmp.resolve("spec.json"), """
                {"model": {"name": "resnet50", "family": "cnn", "parameters": 25557032, "flopsPerSample": 8.18e9},
                 "job": {"phase": "infer", "batchSize": 32}, "hardware": "nvidia-h100-sxm-80gb"}
                """);
        EstimatorSource real = EstimatorSource.standard();
        CliHarness.Result refused = CliHarness.run(real, "predict", "--spec", spec.toString(), "--estimator",
                V1.toString());
        assertThat(refused.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(refused.err()).contains("runtime-estimator convert --estimator").doesNotContain("\tat ");

        Path converted = tmp.resolve("linear.rte");
        CliHarness.Result convert = CliHarness.run(real, "convert", "--estimator", V1.toString(), "--out",
                converted.toString());
        assertThat(convert.exitCode()).as(convert.err()).isZero();
        assertThat(convert.out()).contains("converted").contains("linear");

        CliHarness.Result predict = CliHarness.run(real, "predict", "--spec", spec.toString(), "--estimator",
                converted.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).contains("seconds");
    }

    @Test
    void convertingOntoItselfOrAFormatTwoArtifactIsRefusedInOneLine() throws Exception {
        Path copy = Files.copy(V1, tmp.resolve("old.rte"));
        CliHarness.Result self = CliHarness.run(EstimatorSource.standard(), "convert", "--estimator",
                copy.toString(), "--out", copy.toString());
        assertThat(self.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(self.err()).contains("--out").hasLineCount(1);

        Path v2 = tmp.resolve("v2.rte");
        assertThat(CliHarness.run(EstimatorSource.standard(), "convert", "--estimator", copy.toString(), "--out",
                v2.toString()).exitCode()).isZero();
        CliHarness.Result again = CliHarness.run(EstimatorSource.standard(), "convert", "--estimator",
                v2.toString(), "--out", tmp.resolve("v3.rte").toString());
        assertThat(again.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(again.err()).contains("formatVersion").hasLineCount(1);
    }

    @Test
    void outFollowsTheRulesOfEveryCommandThatWritesAFile() throws Exception {
        Path copy = Files.copy(V1, tmp.resolve("old.rte"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.rte"), copy);
        CliHarness.Result throughLink = CliHarness.run(EstimatorSource.standard(), "convert", "--estimator",
                copy.toString(), "--out", link.toString());
        assertThat(throughLink.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(throughLink.err()).contains("is also an input of this command").hasLineCount(1);
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(V1));

        CliHarness.Result directory = CliHarness.run(EstimatorSource.standard(), "convert", "--estimator",
                copy.toString(), "--out", tmp.toString());
        assertThat(directory.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(directory.err()).contains("is a directory").hasLineCount(1);

        Path notes = Files.writeString(tmp.resolve("notes.txt"), "keep me");
        CliHarness.Result existing = CliHarness.run(EstimatorSource.standard(), "convert", "--estimator",
                copy.toString(), "--out", notes.toString());
        assertThat(existing.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(existing.err()).contains("exists and is not an .rte artifact; add --force").hasLineCount(1);
        assertThat(Files.readString(notes)).isEqualTo("keep me");

        CliHarness.Result forced = CliHarness.run(EstimatorSource.standard(), "convert", "--estimator",
                copy.toString(), "--out", notes.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readAllBytes(notes)).isNotEqualTo("keep me".getBytes());
    }
}
