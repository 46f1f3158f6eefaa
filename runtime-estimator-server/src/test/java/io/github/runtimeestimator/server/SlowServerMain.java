package io.github.runtimeestimator.server;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A server whose estimates take 2 s, run as its own JVM by {@link GracefulShutdownTest} to be stopped with SIGTERM:
 * prints {@code listening on URI}, then {@code estimating} whenever a request reaches the estimator.
 */
public final class SlowServerMain {
    private SlowServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        SlowEstimator estimator = new SlowEstimator(2_000, () -> out.println("estimating"));
        EstimatorServer server = EstimatorServer.start(ServerConfig.builder(estimator).port(0).build());
        out.println("listening on " + server.uri());
        server.join();
    }
}
