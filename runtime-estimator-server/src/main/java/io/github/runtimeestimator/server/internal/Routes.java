package io.github.runtimeestimator.server.internal;

import io.github.runtimeestimator.server.EstimatorServer;
import io.github.runtimeestimator.server.ServerConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.function.Function;

/**
 * Every route of the service, in one table: what it registers with Javalin, and what a test compares with the
 * OpenAPI document (every route documented, every documented route served). The web page's files ({@code /},
 * {@code /app.js}, {@code /app.css}) are static resources beside these.
 */
public final class Routes {
    /**
     * One route: method, Javalin path template (the OpenAPI path), and its handler among the endpoints.
     */
    public record Route(HandlerType method, String path, Function<Endpoints, Handler> handler) {
    }

    /** The endpoints of one server, built once from its configuration. */
    public static final class Endpoints {
        final EstimateEndpoint estimate;
        final PlanEndpoint plan;
        final CatalogueEndpoints catalogue;
        final ServiceEndpoints service;

        public Endpoints(ServerConfig config, RequestMetrics metrics) {
            JsonBodies bodies = new JsonBodies(EstimatorServer.MAX_BODY_BYTES);
            estimate = new EstimateEndpoint(config, bodies, metrics);
            plan = new PlanEndpoint(config, bodies, metrics);
            catalogue = new CatalogueEndpoints(config, bodies);
            service = new ServiceEndpoints(config, metrics);
        }
    }

    public static final List<Route> ALL = List.of(
            new Route(HandlerType.POST, "/v1/estimate", e -> e.estimate),
            new Route(HandlerType.POST, "/v1/plan", e -> e.plan),
            new Route(HandlerType.GET, "/v1/hardware", e -> e.catalogue::hardware),
            new Route(HandlerType.GET, "/v1/hardware/{id}", e -> e.catalogue::hardwareEntry),
            new Route(HandlerType.GET, "/v1/models", e -> e.catalogue::models),
            new Route(HandlerType.POST, "/v1/models/hf-config", e -> e.catalogue::modelFromHuggingFace),
            new Route(HandlerType.GET, "/v1/offers", e -> e.catalogue::offers),
            new Route(HandlerType.GET, "/healthz", e -> e.service::health),
            new Route(HandlerType.GET, "/metrics", e -> e.service::metrics),
            new Route(HandlerType.GET, "/openapi.json", e -> e.service::openApi));

    private Routes() {
    }

    /** Registers every route of {@link #ALL} with its handler among {@code endpoints}. */
    public static void register(RoutesConfig routes, Endpoints endpoints) {
        for (Route r : ALL) {
            routes.addHttpHandler(r.method(), r.path(), r.handler().apply(endpoints));
        }
    }
}
