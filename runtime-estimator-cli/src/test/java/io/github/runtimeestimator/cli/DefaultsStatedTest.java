package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.testing.RepositoryFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec that leaves its precision out is estimated in fp32, and {@code predict} and {@code plan} say so (issue 13,
 * item 7: no silent defaults), on stderr and in the estimate itself; a spec that gives it gets no note.
 */
class DefaultsStatedTest {
    @TempDir
    Path tmp;

    private Path specWithoutPrecision() throws Exception {
        String given = Files.readString(RepositoryFiles.root().resolve("examples/specs/mlp-cpu.json"),
                StandardCharsets.UTF_8);
        String without = given.replace("\"precision\": \"fp32\",", "");
        assertThat(without).doesNotContain("precision");
        return Files.writeString(tmp.resolve("no-precision.json"), without, StandardCharsets.UTF_8);
    }

    @Test
    void predictStatesTheAssumedPrecisionOnStderrAndInMarkdown() throws Exception {
        Path spec = specWithoutPrecision();

        CliHarness.Result json = CliHarness.run(EstimatorSource.standard(), "predict", "--spec", spec.toString());
        CliHarness.Result markdown = CliHarness.run(EstimatorSource.standard(), "predict", "--spec", spec.toString(),
                "--format", "markdown");

        assertThat(json.exitCode()).isZero();
        assertThat(json.err()).contains("note: precision: not given, fp32 assumed");
        assertThat(json.out()).contains("\"assumptions\"").contains("\"precision: not given, fp32 assumed");
        assertThat(markdown.out()).contains("Assumed (the spec leaves these out):")
                .contains("- precision: not given, fp32 assumed (one of [fp32, tf32, bf16, fp16, int8])");
    }

    @Test
    void aSpecThatGivesItsPrecisionGetsNoNote() {
        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "predict", "--spec",
                RepositoryFiles.root().resolve("examples/specs/mlp-cpu.json").toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).doesNotContain("precision");
        assertThat(r.out()).doesNotContain("assumptions");
    }
}
