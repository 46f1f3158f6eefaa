package io.github.runtimeestimator.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.planner.HardwareOffer;
import io.github.runtimeestimator.planner.OfferReader;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Servers on a free loopback port with the pretrained estimator, and a small HTTP client for them. */
final class TestServers {
    private TestServers() {
    }

    private static final class Default {
        static final RuntimeEstimator ESTIMATOR = RuntimeEstimator.loadDefault();
    }

    static RuntimeEstimator defaultEstimator() {
        return Default.ESTIMATOR;
    }

    static Path exampleOffersFile() {
        return RepositoryFiles.root().resolve("examples").resolve("offers.json");
    }

    /** The repository's example offers, as {@code serve --offers examples/offers.json} reads them. */
    static List<HardwareOffer> exampleOffers() {
        try {
            return new OfferReader(HardwareCatalog.builtIn()).read(exampleOffersFile()).offers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server with the pretrained estimator and the example offers on a free loopback port. */
    static EstimatorServer startDefault() {
        return EstimatorServer.start(ServerConfig.builder(defaultEstimator()).offers(exampleOffers()).port(0).build());
    }

    static JsonNode json(String text) {
        try {
            return JsonMappers.strict().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDK HTTP client bound to one server. */
    static final class Client {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final URI base;

        Client(EstimatorServer server) {
            this.base = server.uri();
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET());
        }

        HttpResponse<String> post(String path, String json) {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
