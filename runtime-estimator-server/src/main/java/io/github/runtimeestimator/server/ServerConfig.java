package io.github.runtimeestimator.server;

import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.planner.HardwareOffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link EstimatorServer} serves and where: build one with {@link #builder(RuntimeEstimator)}.
 *
 * @param estimator    answers {@code /v1/estimate} and, through the planner, {@code /v1/plan}
 * @param hardware     resolves hardware ids in specs and offers; listed by {@code /v1/hardware}
 * @param models       resolves model names in specs; listed by {@code /v1/models}
 * @param enrichModels whether inline models gain the descriptors and graph of their {@code models} entry (as the
 *                     CLI does when given {@code --models}); false: specs are estimated as posted
 * @param offers       the offers {@code /v1/plan} ranks when a request brings none; listed by {@code /v1/offers};
 *                     may be empty
 * @param host         the address to listen on ({@code 127.0.0.1}: this machine only; {@code 0.0.0.0}: every
 *                     interface)
 * @param port         the port, 0 for any free one ({@link EstimatorServer#port()} says which)
 * @param stopTimeout  how long a stop waits for requests in flight to finish
 */
public record ServerConfig(
        RuntimeEstimator estimator,
        HardwareCatalog hardware,
        ModelCatalog models,
        boolean enrichModels,
        List<HardwareOffer> offers,
        String host,
        int port,
        Duration stopTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    public ServerConfig {
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(models, "models");
        offers = List.copyOf(offers);
        if (host == null || host.isBlank()) {
            throw new SpecValidationException("host", host, "must be an address to listen on, such as 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new SpecValidationException("port", port, "must be within [0, 65535] (0: any free port)");
        }
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (stopTimeout.isNegative()) {
            throw new SpecValidationException("stopTimeout", stopTimeout, "must be >= 0");
        }
    }

    /** The built-in catalogues, no offers, {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}, a 30 s stop timeout. */
    public static Builder builder(RuntimeEstimator estimator) {
        return new Builder(estimator);
    }

    /** Builds a {@link ServerConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final RuntimeEstimator estimator;
        private HardwareCatalog hardware = HardwareCatalog.builtIn();
        private ModelCatalog models = ModelCatalog.builtIn();
        private boolean enrichModels;
        private List<HardwareOffer> offers = List.of();
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;

        private Builder(RuntimeEstimator estimator) {
            this.estimator = estimator;
        }

        public Builder hardware(HardwareCatalog hardware) {
            this.hardware = hardware;
            return this;
        }

        public Builder models(ModelCatalog models, boolean enrichModels) {
            this.models = models;
            this.enrichModels = enrichModels;
            return this;
        }

        public Builder offers(List<HardwareOffer> offers) {
            this.offers = offers;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(estimator, hardware, models, enrichModels, offers, host, port, stopTimeout);
        }
    }
}
