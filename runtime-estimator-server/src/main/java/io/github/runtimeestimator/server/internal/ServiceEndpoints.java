package io.github.runtimeestimator.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.server.ServerConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The service about itself: health, metrics and its OpenAPI document. */
final class ServiceEndpoints {
    /** The OpenAPI document, a resource of this jar, written by hand and checked against the routes by a test. */
    static final String OPENAPI_RESOURCE = "/io/github/runtimeestimator/server/openapi.json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final byte[] health;
    private final byte[] openApi;
    private final RequestMetrics metrics;

    ServiceEndpoints(ServerConfig config, RequestMetrics metrics) {
        this.metrics = metrics;
        ObjectNode h = JsonMappers.output().createObjectNode();
        h.put("status", "ok");
        h.put("estimator", config.estimator().describe());
        h.put("hardware", config.hardware().all().size());
        h.put("models", config.models().all().size());
        h.put("offers", config.offers().size());
        try {
            this.health = JsonMappers.output().writeValueAsBytes(h);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        this.openApi = openApiDocument();
    }

    /** The OpenAPI document's bytes. */
    public static byte[] openApiDocument() {
        try (InputStream in = ServiceEndpoints.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document is missing from the jar: " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void health(Context ctx) {
        Responses.json(ctx, health);
    }

    void metrics(Context ctx) {
        ctx.status(200).header("X-Content-Type-Options", "nosniff").contentType(PROMETHEUS_TEXT)
                .result(metrics.scrape());
    }

    void openApi(Context ctx) {
        Responses.json(ctx, openApi);
    }
}
