package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelDescription;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict's and plan's text outputs say how the model was described and every extrapolation. */
class ProvenanceOutputTest {
    @TempDir
    Path tmp;

    /** 1 ms per sample, a model it inferred the descriptors of, and one extrapolation. */
    private static final RuntimeEstimator SAYS_MORE = spec -> {
        double s = 1e-3 * spec.job().batchSize() * spec.job().steps();
        return new Estimate(s, 0.5 * s, 2 * s, s / spec.job().steps(), spec.job().steps(), 0.8, "stub", Double.NaN,
                false, List.of("batch size 9.00e+03 is outside the 1 to 512 trained on"), ModelDescription.INFERRED);
    };

    private static final EstimatorSource SOURCE = new EstimatorSource() {
        @Override
        public RuntimeEstimator load(Path artifact) {
            return SAYS_MORE;
        }

        @Override
        public RuntimeEstimator loadDefault() {
            return SAYS_MORE;
        }

        @Override
        public RuntimeEstimator fit(TrainerConfig config, List<Measurement> rows) {
            return SAYS_MORE;
        }
    };

    private Path spec() throws Exception {
        Path f = tmp.resolve("spec.json");
        Files.writeString(f, """
                {"model": {"name": "my_net", "family": "cnn", "parameters": 25557032, "flopsPerSample": 8.18e9},
                 "job": {"phase": "infer", "batchSize": 9000}, "precision": "bf16",
                 "hardware": "nvidia-h100-sxm-80gb"}
                """);
        return f;
    }

    @Test
    void predictMarkdownAndJsonSayHowTheModelWasDescribedAndWhyItExtrapolates() throws Exception {
        CliHarness.Result md = CliHarness.run(SOURCE, "predict", "--spec", spec().toString(), "--format", "markdown");
        assertThat(md.exitCode()).as(md.err()).isZero();
        assertThat(md.out()).contains("Model described by: inferred (descriptors inferred from family")
                .contains("Extrapolations").contains("- batch size 9.00e+03 is outside the 1 to 512 trained on");

        CliHarness.Result json = CliHarness.run(SOURCE, "predict", "--spec", spec().toString());
        assertThat(json.out()).contains("\"modelDescription\" : \"inferred\"").contains("\"extrapolations\"");
    }

    @Test
    void planSaysHowTheModelWasDescribedAndEachOffersExtrapolations() throws Exception {
        Path offers = tmp.resolve("offers.json");
        Files.writeString(offers, """
                {"formatVersion": 1, "offers": [
                  {"id": "h100", "hardware": "nvidia-h100-sxm-80gb", "deviceCount": 1, "pricePerDeviceHour": 4.0,
                   "currency": "USD", "provider": "x"}]}
                """);
        CliHarness.Result md = CliHarness.run(SOURCE, "plan", "--format", "markdown", "--spec", spec().toString(), "--offers",
                offers.toString(), "--deadline", "1h");
        assertThat(md.exitCode()).as(md.err()).isZero();
        assertThat(md.out()).contains("Model described by: inferred")
                .contains("| extrapolated: batch size 9.00e+03 is outside the 1 to 512 trained on |");

        CliHarness.Result json = CliHarness.run(SOURCE, "plan", "--spec", spec().toString(), "--offers",
                offers.toString(), "--deadline", "1h", "--format", "json");
        assertThat(json.out()).containsPattern("\"modelDescription\" *: *\"inferred\"")
                .containsPattern("\"extrapolations\" *: *\\[ *\"batch size 9.00e\\+03");
    }
}
