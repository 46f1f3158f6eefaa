package io.github.runtimeestimator.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.planner.HardwareOffer;
import io.github.runtimeestimator.planner.OfferReadResult;
import io.github.runtimeestimator.planner.OfferReader;
import io.github.runtimeestimator.planner.OfferRejection;
import io.github.runtimeestimator.planner.Plan;
import io.github.runtimeestimator.planner.internal.PlanFormatter;
import io.github.runtimeestimator.planner.ResourcePlanner;
import io.github.runtimeestimator.server.EstimatorServer;
import io.github.runtimeestimator.server.ServerConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

/**
 * {@code POST /v1/plan}: a {@link PlanRequest} gives the plan {@code runtime-estimator plan --format json} prints,
 * ranking the request's offers or, when it brings none, the server's.
 */
final class PlanEndpoint implements Handler {
    private final ServerConfig config;
    private final JsonBodies bodies;
    private final RequestMetrics metrics;
    private final ResourcePlanner planner;
    private final OfferReader offerReader;

    PlanEndpoint(ServerConfig config, JsonBodies bodies, RequestMetrics metrics) {
        this.config = config;
        this.bodies = bodies;
        this.metrics = metrics;
        this.planner = new ResourcePlanner(config.estimator());
        this.offerReader = new OfferReader(config.hardware());
    }

    @Override
    public void handle(Context ctx) {
        byte[] body = bodies.read(ctx, "a plan request {\"spec\": {...}, \"deadline\": \"2h\", \"budget\": 50}");
        PlanRequest request = SpecJson.readValue(body, PlanRequest.class, config.hardware(), config.models());
        List<HardwareOffer> offers = request.offers() == null ? config.offers() : offers(request.offers());
        if (offers.isEmpty()) {
            throw new ApiException(400, "$.offers", "is required when the server has no offers",
                    "$.offers: this server was started without offers (serve --offers FILE); post them in the"
                            + " request as \"offers\": [...], each as in an offers file");
        }
        Plan plan;
        try {
            plan = planner.plan(Workloads.enrich(config, request.spec()), offers, request.constraints());
        } catch (SpecValidationException e) {
            throw Workloads.refusal(e, e.field().startsWith("offer") ? "$" : "$.spec");
        }
        metrics.planned(offers.size());
        Responses.json(ctx, PlanFormatter.json(plan));
    }

    /** The posted offers, read as an offers file's; any offer the reader refuses refuses the request. */
    private List<HardwareOffer> offers(JsonNode posted) {
        int max = EstimatorServer.MAX_OFFERS_PER_REQUEST;
        if (posted.isEmpty() || posted.size() > max) {
            String rule = "must list 1 to " + max + " offers";
            throw new ApiException(400, "$.offers", rule, "$.offers: " + posted.size() + " offers: " + rule);
        }
        String document = "{\"formatVersion\": " + OfferReader.FORMAT_VERSION + ", \"offers\": " + posted + "}";
        OfferReadResult read;
        try {
            read = offerReader.readJson(new StringReader(document), "$.offers");
        } catch (IOException e) {
            throw new ApiException(400, "$.offers", null, "$.offers: " + e.getMessage());
        }
        if (read.hasRejections()) {
            OfferRejection first = read.rejections().get(0);
            String field = "$.offers[" + (first.entry() - 1) + "]"
                    + (first.field().equals("offer") ? "" : "." + first.field());
            int more = read.rejections().size() - 1;
            throw new ApiException(400, field, null, field + ": " + first.reason()
                    + (more > 0 ? " (and " + more + " more offers refused)" : ""));
        }
        return read.offers();
    }
}
