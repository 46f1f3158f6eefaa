package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("^listening on (http://127\\.0\\.0\\.1:\\d+/)$",
            Pattern.MULTILINE);

    @Test
    void servesTheEstimatorAndTheOffersSaysWhereAndStopsWhenItsThreadIsInterrupted() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        String offers = RepositoryFiles.root().resolve("examples").resolve("offers.json").toString();
        Thread serving = new Thread(() -> {
            CommandLine cl = Main.commandLine(CliHarness.STUBS);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            exit.set(cl.execute("serve", "--port", "0", "--offers", offers));
        });
        serving.start();
        URI base = null;
        for (int i = 0; i < 600 && base == null; i++) {
            Matcher m = LISTENING.matcher(out.toString());
            base = m.find() ? URI.create(m.group(1)) : null;
            Thread.sleep(100);
        }
        assertThat(base).as("stdout: " + out + " stderr: " + err).isNotNull();

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/healthz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode h = JsonMappers.strict().readTree(health.body());
        assertThat(h.get("offers").asInt()).isPositive();
        HttpResponse<String> estimate = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                "/v1/estimate")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\": \"resnet50\", \"job\": {\"phase\": \"infer\", \"batchSize\": 8},"
                        + " \"hardware\": \"nvidia-l4-24gb\"}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JsonMappers.strict().readTree(estimate.body()).get("estimator").asText()).isEqualTo("stub");

        serving.interrupt();
        serving.join(30_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(exit.get()).isEqualTo(Main.EXIT_OK);
        assertThat(out.toString().lines().filter(l -> !l.isBlank()).count()).as("one line on stdout").isEqualTo(1);
    }

    @Test
    void aPortThatIsTakenIsExitTwoWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliHarness.Result r = CliHarness.run("serve", "--port", String.valueOf(taken.getLocalPort()));

            CliHarness.assertOneLineReason(r, "cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void badOptionsAreExitTwoWithOneLine() {
        CliHarness.assertOneLineReason(CliHarness.run("serve", "--port", "70000"), "port = 70000: must be within");
        CliHarness.assertOneLineReason(CliHarness.run("serve", "--offers", "no-such-offers.json"),
                "offers file not found: no-such-offers.json");
        CliHarness.assertOneLineReason(CliHarness.run("serve", "--port", "0", "--stop-timeout", "soon"),
                "--stop-timeout");
    }
}
