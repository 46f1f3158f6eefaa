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

    /** The address listened on by default: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port listened on by default. */
    public static final int DEFAULT_PORT = 8080;
    /** How long a stop waits for requests in flight by default. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Validates the configuration: the estimator, catalogues, offers and stop timeout must not be null; fails
     * with a SpecValidationException naming the field for a blank host, a port outside [0, 65535] or a negative
     * stop timeout.
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

    /**
     * The built-in catalogues, no offers, {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}, a 30 s stop timeout.
     *
     * @param estimator the estimator to serve
     * @return a builder with those defaults
     */
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

        /**
         * The hardware catalogue that resolves hardware ids.
         *
         * @param hardware the hardware catalogue
         * @return this builder
         */
        public Builder hardware(HardwareCatalog hardware) {
            this.hardware = hardware;
            return this;
        }

        /**
         * The model catalogue that resolves model names, and whether inline models gain its descriptors and graph.
         *
         * @param models       the model catalogue
         * @param enrichModels whether inline models gain the descriptors and graph of their catalogue entry
         * @return this builder
         */
        public Builder models(ModelCatalog models, boolean enrichModels) {
            this.models = models;
            this.enrichModels = enrichModels;
            return this;
        }

        /**
         * The offers {@code /v1/plan} ranks when a request brings none.
         *
         * @param offers the offers, may be empty
         * @return this builder
         */
        public Builder offers(List<HardwareOffer> offers) {
            this.offers = offers;
            return this;
        }

        /**
         * The address to listen on.
         *
         * @param host an address, not blank ({@code 127.0.0.1}, {@code 0.0.0.0})
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * The port to listen on.
         *
         * @param port within [0, 65535]; 0 for any free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * How long a stop waits for requests in flight to finish.
         *
         * @param stopTimeout the timeout, not negative
         * @return this builder
         */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * The configuration; validated as the {@link ServerConfig} constructor does.
         *
         * @return the configuration
         */
        public ServerConfig build() {
            return new ServerConfig(estimator, hardware, models, enrichModels, offers, host, port, stopTimeout);
        }
    }
}
