package io.github.runtimeestimator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stop, and SIGTERM, let the requests in flight finish before the server goes. */
class GracefulShutdownTest {
    private static final String SPEC = "{\"model\": \"resnet50\", \"job\": {\"phase\": \"infer\", \"batchSize\": 8},"
            + " \"hardware\": \"nvidia-l4-24gb\"}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CompletableFuture<HttpResponse<String>> estimateAsync(URI base) {
        return http.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/estimate")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(SPEC)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stopWaitsForTheRequestInFlightAndRefusesNewConnections() throws Exception {
        SlowEstimator estimator = new SlowEstimator(30_000);
        EstimatorServer server = EstimatorServer.start(ServerConfig.builder(estimator).port(0).build());
        URI base = server.uri();
        CompletableFuture<HttpResponse<String>> inFlight = estimateAsync(base);
        assertThat(estimator.entered.await(10, TimeUnit.SECONDS)).as("the request reached the estimator").isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        Thread.sleep(500);
        assertThat(stopping).as("the stop waits for the request in flight").isNotDone();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString())).as("no new connection while stopping")
                .isInstanceOf(ConnectException.class);

        estimator.release.countDown();
        HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
        stopping.get(10, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(TestServers.json(answer.body()).get("estimator").asText()).isEqualTo("slow stub");
    }

    @Test
    void sigtermLetsTheRequestInFlightFinishThenTheProcessExits() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowServerMain.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).as("the server says where it listens").startsWith("listening on http://127.0.0.1:");
            URI base = URI.create(first.substring("listening on ".length()));
            CompletableFuture<HttpResponse<String>> inFlight = estimateAsync(base);
            assertThat(out.readLine()).as("the request reached the estimator").isEqualTo("estimating");

            process.destroy(); // SIGTERM

            HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(TestServers.json(answer.body()).get("seconds").asDouble()).isEqualTo(2.0);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the process exits after the stop").isTrue();
            assertThat(process.exitValue()).as("128 + SIGTERM").isEqualTo(143);
        } finally {
            process.destroyForcibly();
        }
    }
}
