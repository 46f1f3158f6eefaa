package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calibrate} on real rows: the shipped estimator, the repository's H100 file as base data (a quick stand-in
 * for all of {@code datasets/}), the 16-core Xeon's rows as the user's. It reports the user's held-out error before
 * and after, and writes the estimator it chose.
 */
class CalibrateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void reportsTheHeldOutErrorBeforeAndAfterAndWritesTheChosenEstimator() throws Exception {
        Path out = tmp.resolve("mine.rte");

        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "calibrate", "--data",
                RepositoryFiles.dataset("xeon16-pytorch-cpu.csv").toString(), "--base-data",
                RepositoryFiles.dataset("h100-sxm-pytorch.csv").toString(), "--out", out.toString(), "--quiet");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("your held-out rows \\(\\d+ of \\d+ models held out\\): median APE"
                + " [0-9.]+% \\(\\d+ rows\\) with the shipped estimator, [0-9.]+% \\(\\d+ rows\\) calibrated");
        assertThat(r.out()).containsAnyOf("calibrated on every row of yours -> " + out,
                "kept the estimator unchanged");
        assertThat(EstimatorArtifact.read(out).trainingData().hardwareIds()).contains("intel-xeon-emr-16c");
    }

    @Test
    void baseDataThatIsNotThereIsRefusedSayingWhatItIsFor() {
        CliHarness.Result r = CliHarness.run(EstimatorSource.standard(), "calibrate", "--data",
                RepositoryFiles.dataset("xeon16-pytorch-cpu.csv").toString(), "--base-data",
                tmp.resolve("absent").toString(), "--out", tmp.resolve("never.rte").toString());

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
        CliHarness.assertOneLineReason(r, "--base-data");
        assertThat(r.err()).contains("the data the estimator was trained on");
        assertThat(tmp.resolve("never.rte")).doesNotExist();
    }
}
