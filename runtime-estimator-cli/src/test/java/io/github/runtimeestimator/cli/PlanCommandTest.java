package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.internal.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code plan} command with the stub estimator of {@link CliHarness} (1 ms per sample per step on any
 * hardware, bounds x0.8 / x1.25): a train_epoch of 100 steps at batch 64 is 6.4 s, up to 8 s on one device.
 */
class PlanCommandTest {
    private static final ObjectMapper JSON = JsonMappers.strict();

    @TempDir
    Path tmp;

    private Path spec(String job) throws IOException {
        return Files.writeString(tmp.resolve("spec.json"), """
                {"model": {"name": "resnet50", "family": "cnn", "parameters": 25557032, "flopsPerSample": 8.18e9},
                 "job": %s,
                 "precision": "bf16"}
                """.formatted(job));
    }

    private Path epochSpec() throws IOException {
        return spec("""
                {"phase": "train_epoch", "batchSize": 64, "optimizer": "sgd", "learningRate": 0.1, "datasetSize": 6400}""");
    }

    private static String offer(String id, String hardware, int devices, double price) {
        return """
                {"id": "%s", "hardware": "%s", "deviceCount": %d, "pricePerDeviceHour": %s, "currency": "USD",
                 "provider": "test"}""".formatted(id, hardware, devices, price);
    }

    private Path offers(String... offers) throws IOException {
        return Files.writeString(tmp.resolve("offers.json"),
                "{\"formatVersion\": 1, \"offers\": [" + String.join(",\n", offers) + "]}");
    }

    private Path goodOffers() throws IOException {
        return offers(offer("one-h100", "nvidia-h100-sxm-80gb", 1, 4.0),
                offer("eight-h100", "nvidia-h100-sxm-80gb", 8, 5.0),
                offer("one-l4", "nvidia-l4-24gb", 1, 0.8));
    }

    private static void assertOneLineReason(CliHarness.Result r, String contains) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).contains(contains).doesNotContain("\n").doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void marksDownTheRankedOffersAndTheCheapestThatMeetsTheDeadline() throws Exception {
        CliHarness.Result r = CliHarness.run("plan", "--format", "markdown", "--spec", epochSpec().toString(),
                "--offers", goodOffers().toString(), "--deadline", "1m");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        // the stub takes the same time on any device, so the cheapest device-hour wins: the L4
        assertThat(r.out()).startsWith("**choose one-l4 (1 x nvidia-l4-24gb, test)")
                .contains("| rank | offer | hardware |")
                .contains("| 1 | one-l4 |").contains("| 2 | one-h100 |").contains("| 3 | eight-h100 |");
    }

    @Test
    void printsThePlanAsJsonWithUnitNamedKeys() throws Exception {
        CliHarness.Result r = CliHarness.run("plan", "--spec", epochSpec().toString(),
                "--offers", goodOffers().toString(), "--deadline", "90s", "--budget", "50", "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode plan = JSON.readTree(r.out());
        assertThat(keys(plan)).containsExactly("formatVersion", "model", "phase", "batchSize", "precision",
                "deadlineSeconds", "budget", "rankBy", "currency", "communicationOverlap", "checkpointing",
                "preferMeasured", "estimator", "nothingFits",
                "summary", "chosenOfferId", "nearestMissOfferIds", "ranked");
        assertThat(plan.get("deadlineSeconds").asDouble()).isEqualTo(90.0);
        assertThat(plan.get("budget").asDouble()).isEqualTo(50.0);
        assertThat(plan.get("nothingFits").asBoolean()).isFalse();
        assertThat(plan.get("chosenOfferId").asText()).isEqualTo("one-l4");
        JsonNode first = plan.get("ranked").get(0);
        assertThat(keys(first)).contains("offerId", "hardware", "deviceCount", "pricePerDeviceHour", "verdict",
                "reason", "seconds", "lowerSeconds", "upperSeconds", "cost", "lowerCost", "upperCost", "energyJoules",
                "upperEnergyJoules", "memory");
        assertThat(plan.get("rankBy").asText()).isEqualTo("cost");
        assertThat(first.get("energyJoules").asDouble()).as("6.4 s x 72 W (L4 board power)").isEqualTo(6.4 * 72);
        assertThat(first.get("seconds").asDouble()).isEqualTo(6.4);
        assertThat(first.get("upperSeconds").asDouble()).isEqualTo(8.0);
        assertThat(first.get("memory").get("totalBytes").asLong()).isPositive();
    }

    @Test
    void saysNothingFitsWithTheNearestMissesAndStillExitsZero() throws Exception {
        // the fastest offer, 8 devices data parallel: 100 steps of 8 samples a device (0.8 s, upper 1 s) plus 100
        // all-reduces of 102.2 MB of gradients over NVLink 4 (2 x 7/8 x 102228128 / 450e9 = 0.398 ms each):
        // 1.04 s upper bound, still over a 1 s deadline
        CliHarness.Result r = CliHarness.run("plan", "--format", "markdown", "--spec", epochSpec().toString(),
                "--offers", goodOffers().toString(), "--deadline", "1s");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("**nothing fits; nearest misses: eight-h100 (too_slow: upper bound 1.04s"
                + " exceeds the deadline 1s)");
        assertThat(r.out()).doesNotContain("| fits |");

        JsonNode json = JSON.readTree(CliHarness.run("plan", "--spec", epochSpec().toString(),
                "--offers", goodOffers().toString(), "--deadline", "1s", "--format", "json").out());
        assertThat(json.get("nothingFits").asBoolean()).isTrue();
        assertThat(json.get("chosenOfferId").isNull()).isTrue();
        assertThat(json.get("nearestMissOfferIds").get(0).asText()).isEqualTo("eight-h100");
    }

    @Test
    void warnsAboutEachRejectedOfferOnOneLineAndRanksTheRest() throws Exception {
        Path offers = offers(offer("one-h100", "nvidia-h100-sxm-80gb", 1, 4.0),
                offer("future-gpu", "nvidia-b900", 1, 9.0),
                offer("negative", "nvidia-l4-24gb", 1, -1.0));
        CliHarness.Result r = CliHarness.run("plan", "--format", "markdown", "--spec", epochSpec().toString(), "--offers", offers.toString(),
                "--budget", "10");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> warnings = r.err().strip().lines().toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("runtime-estimator: warning: offer left out: ")
                .contains("entry 2 (id \"future-gpu\")").contains("hardware = \"nvidia-b900\"")
                .contains("is not in the hardware catalogue");
        assertThat(warnings.get(1)).contains("entry 3 (id \"negative\")").contains("pricePerDeviceHour = -1.0")
                .contains("must be >= 0");
        assertThat(r.out()).startsWith("**choose one-h100").contains("| 1 | one-h100 |")
                .doesNotContain("future-gpu").doesNotContain("| negative |");
    }

    @Test
    void refusesBadConstraintsWithExitTwoAndOneLine() throws Exception {
        String spec = epochSpec().toString();
        String offers = goodOffers().toString();
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", spec, "--offers", offers),
                "at least one of --deadline (e.g. 2h) and --budget (e.g. 50) is required");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", spec, "--offers", offers, "--deadline", "0s"),
                "deadline = \"0s\": must be > 0");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", spec, "--offers", offers, "--deadline", "soon"),
                "--deadline = \"soon\": must be a duration like 90s");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", spec, "--offers", offers, "--budget", "-5"),
                "budget = -5.0: must be a finite amount >= 0");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", spec, "--offers", offers, "--budget", "lots"),
                "Invalid value for option '--budget'");
    }

    @Test
    void refusesBadFilesWithExitTwoAndOneLine() throws Exception {
        String offers = goodOffers().toString();
        Path negativeBatch = spec("{\"phase\": \"infer\", \"batchSize\": -3}");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", negativeBatch.toString(), "--offers", offers,
                "--deadline", "2h"), "$.job.batchSize: job.batchSize = -3: must be >= 1");
        Path malformed = Files.writeString(tmp.resolve("malformed.json"), "{\"model\": ");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", malformed.toString(), "--offers", offers,
                "--deadline", "2h"), "not a valid workload spec");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", tmp.resolve("none.json").toString(), "--offers", offers,
                "--deadline", "2h"), "spec file not found");
        Path spec = epochSpec();
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", spec.toString(), "--offers",
                tmp.resolve("none.json").toString(), "--deadline", "2h"), "offers file not found");
        Path notOffers = Files.writeString(tmp.resolve("not-offers.json"), "[1, 2]");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", spec.toString(), "--offers", notOffers.toString(),
                "--deadline", "2h"), "offers file " + notOffers + " cannot be read");
        Path allBad = offers(offer("x", "nvidia-b900", 1, 1.0));
        CliHarness.Result r = CliHarness.run("plan", "--format", "markdown", "--spec", spec.toString(), "--offers", allBad.toString(),
                "--deadline", "2h");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines().toList()).hasSize(2)
                .last().asString().contains("has no usable offer (1 left out)");
    }

    @Test
    void batchSearchComparesBatchSizesPerEpochOnOffersThatFitMemory() throws Exception {
        CliHarness.Result md = CliHarness.run("plan", "--format", "markdown", "--spec", epochSpec().toString(),
                "--offers", goodOffers().toString(), "--deadline", "1m", "--batch-search", "--max-batch", "256");
        assertThat(md.exitCode()).as(md.err()).isZero();
        assertThat(md.out()).contains("Batch search, one epoch").contains("| one-l4 | 256 |");

        CliHarness.Result json = CliHarness.run("plan", "--spec", epochSpec().toString(),
                "--offers", goodOffers().toString(), "--deadline", "1m", "--batch-search", "--max-batch", "256",
                "--format", "json");
        JsonNode searches = JSON.readTree(json.out()).get("batchSearch");
        assertThat(searches).hasSize(3);
        assertThat(keys(searches.get(0))).containsExactly("offerId", "largestFittingBatch", "cheapestBatchSize",
                "options");
        assertThat(keys(searches.get(0).get("options").get(0))).containsExactly("batchSize", "memoryBytesPerDevice",
                "secondsPerEpoch", "upperSecondsPerEpoch", "costPerEpoch", "upperCostPerEpoch");

        Path infer = spec("{\"phase\": \"infer\", \"batchSize\": 8}");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", infer.toString(), "--offers", goodOffers().toString(),
                "--deadline", "1m", "--batch-search"), "--batch-search needs a training job with a datasetSize");
    }

    @Test
    void rankByEnergyChoosesTheOfferOfLeastUpperBoundEnergy() throws Exception {
        // the stub takes the same time everywhere: the cheapest device-hour wins on cost, the lowest board power on
        // energy (L4: 72 W; H100 SXM: 700 W)
        Path offers = offers(offer("cheap-h100", "nvidia-h100-sxm-80gb", 1, 0.5), offer("one-l4", "nvidia-l4-24gb", 1, 0.8));
        CliHarness.Result byCost = CliHarness.run("plan", "--format", "markdown", "--spec", epochSpec().toString(), "--offers",
                offers.toString(), "--deadline", "1m");
        assertThat(byCost.out()).startsWith("**choose cheap-h100");

        CliHarness.Result byEnergy = CliHarness.run("plan", "--format", "markdown", "--spec", epochSpec().toString(), "--offers",
                offers.toString(), "--deadline", "1m", "--rank-by", "energy");
        assertThat(byEnergy.exitCode()).as(byEnergy.err()).isZero();
        assertThat(byEnergy.out()).startsWith("**choose one-l4").contains("at most 461 J of energy")
                .contains("ranked by energy").contains("| energy (upper bound) |");

        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", epochSpec().toString(), "--offers", offers.toString(),
                "--deadline", "1m", "--rank-by", "watts"), "--rank-by = \"watts\": must be one of [cost, energy]");
    }

    /** The stub, whose estimates for the L4 say they extrapolate. */
    private static final EstimatorSource EXTRAPOLATING = new EstimatorSource() {
        private final io.github.runtimeestimator.core.RuntimeEstimator estimator = spec -> {
            io.github.runtimeestimator.core.Estimate e = CliHarness.STUB.predict(spec);
            return spec.requireHardware().id().equals("nvidia-l4-24gb")
                    ? e.toBuilder().extrapolations(List.of("hardware nvidia-l4-24gb is not in the training data"))
                    .build() : e;
        };

        @Override
        public io.github.runtimeestimator.core.RuntimeEstimator load(Path artifact) {
            return estimator;
        }

        @Override
        public io.github.runtimeestimator.core.RuntimeEstimator loadDefault() {
            return estimator;
        }

        @Override
        public io.github.runtimeestimator.core.RuntimeEstimator fit(
                io.github.runtimeestimator.models.TrainerConfig config,
                List<io.github.runtimeestimator.core.Measurement> rows) {
            return estimator;
        }
    };

    @Test
    void marksAnExtrapolatedEstimateWithItsReasonInEveryFormat() throws Exception {
        String[] args = {"plan", "--spec", epochSpec().toString(), "--offers", goodOffers().toString(),
            "--deadline", "1m"};
        String[] mdArgs = java.util.Arrays.copyOf(args, args.length + 2);
        mdArgs[args.length] = "--format";
        mdArgs[args.length + 1] = "markdown";
        CliHarness.Result md = CliHarness.run(EXTRAPOLATING, mdArgs);

        assertThat(md.exitCode()).as(md.err()).isZero();
        assertThat(md.out()).startsWith("**choose one-l4").contains("EXTRAPOLATED: hardware nvidia-l4-24gb is not in"
                + " the training data; measured alternative: one-h100")
                .contains("| extrapolated: hardware nvidia-l4-24gb is not in the training data |")
                .contains("| within training data |");

        String[] jsonArgs = java.util.Arrays.copyOf(args, args.length + 2);
        jsonArgs[args.length] = "--format";
        jsonArgs[args.length + 1] = "json";
        JsonNode json = JSON.readTree(CliHarness.run(EXTRAPOLATING, jsonArgs).out());
        assertThat(json.get("measuredAlternativeOfferId").asText()).isEqualTo("one-h100");
        JsonNode l4 = json.get("ranked").get(0);
        assertThat(l4.get("offerId").asText()).isEqualTo("one-l4");
        assertThat(l4.get("extrapolates").asBoolean()).isTrue();
        assertThat(l4.get("extrapolations").get(0).asText()).isEqualTo("hardware nvidia-l4-24gb is not in the training"
                + " data");

        String[] preferArgs = java.util.Arrays.copyOf(mdArgs, mdArgs.length + 1);
        preferArgs[mdArgs.length] = "--prefer-measured";
        assertThat(CliHarness.run(EXTRAPOLATING, preferArgs).out()).startsWith("**choose one-h100");
    }

    @Test
    void assignsAQueueOfJobsToOwnedDevicesAndRentedOffers() throws Exception {
        // each job: 6.4 s, upper 8 s on one device; the lab has one L4 (free), one H100 rents at 4.00/h:
        // one job runs on the L4, the other rents the H100 for 8 s: 8 / 3600 x 4 = 0.0089
        epochSpec();
        Path fleet = Files.writeString(tmp.resolve("fleet.json"), """
                {"formatVersion": 1,
                 "jobs": [{"id": "a", "spec": "spec.json", "deadline": "1m"},
                          {"id": "b", "spec": "spec.json", "deadline": "1m"},
                          {"id": "c", "spec": "spec.json", "deadline": "1s"}],
                 "pool": [{"id": "lab", "hardware": "nvidia-l4-24gb", "count": 1, "currency": "USD"}]}
                """);
        Path offers = offers(offer("one-h100", "nvidia-h100-sxm-80gb", 1, 4.0));

        CliHarness.Result md = CliHarness.run("plan", "--format", "markdown", "--fleet", fleet.toString(), "--offers", offers.toString());
        assertThat(md.exitCode()).as(md.err()).isZero();
        assertThat(md.out()).startsWith("**2 of 3 jobs meet their deadlines, at most 0.01 USD in all; cannot be met: c**")
                .contains("| lab/1 (owned) | 1 x nvidia-l4-24gb |").contains("| one-h100 | 1 x nvidia-h100-sxm-80gb |")
                .contains("- c: no option meets it; nearest misses: ");

        JsonNode json = JSON.readTree(CliHarness.run("plan", "--fleet", fleet.toString(), "--offers",
                offers.toString(), "--format", "json").out());
        assertThat(json.get("assignments")).hasSize(2);
        assertThat(json.get("totalUpperCost").asDouble()).isCloseTo(8.0 / 3600 * 4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(json.get("unmet").get(0).get("jobId").asText()).isEqualTo("c");
        assertThat(json.get("optimal").asBoolean()).isTrue();
    }

    @Test
    void aBadFleetOrMixedOptionsFailOnOneLine() throws Exception {
        Path fleet = Files.writeString(tmp.resolve("fleet.json"), """
                {"formatVersion": 1, "jobs": [{"id": "a", "spec": "missing.json", "deadline": "soon"}], "pool": []}
                """);
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--fleet", fleet.toString()), "jobs[0]: ");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--fleet", fleet.toString(), "--spec", epochSpec().toString()),
                "give either --spec (one job) or --fleet (a queue of jobs), not both");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--fleet", fleet.toString(), "--deadline", "1h"),
                "--fleet takes each job's deadline and budget from the fleet file");
        assertOneLineReason(CliHarness.run("plan", "--format", "markdown", "--spec", epochSpec().toString(), "--offers",
                goodOffers().toString(), "--deadline", "1h", "--overlap", "2"), "--overlap = 2.0: must be within [0, 1]");
    }
}
