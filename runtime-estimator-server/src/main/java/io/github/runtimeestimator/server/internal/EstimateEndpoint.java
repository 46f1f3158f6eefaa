package io.github.runtimeestimator.server.internal;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.server.EstimatorServer;
import io.github.runtimeestimator.server.ServerConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/estimate}: a workload spec (the JSON of a spec file) gives its estimate (what
 * {@code runtime-estimator predict} prints); an array of specs gives an array of estimates, in order.
 */
final class EstimateEndpoint implements Handler {
    private final ServerConfig config;
    private final JsonBodies bodies;
    private final RequestMetrics metrics;

    EstimateEndpoint(ServerConfig config, JsonBodies bodies, RequestMetrics metrics) {
        this.config = config;
        this.bodies = bodies;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        byte[] body = bodies.read(ctx, "a workload spec object or an array of them");
        if (JsonBodies.firstToken(body) != '[') {
            WorkloadSpec spec = SpecJson.readWorkload(body, config.hardware(), config.models());
            Estimate estimate = predict(spec, "$");
            metrics.estimated(1);
            Responses.json(ctx, SpecJson.writeEstimate(estimate));
            return;
        }
        List<WorkloadSpec> specs = SpecJson.readWorkloads(body, config.hardware(), config.models());
        if (specs.isEmpty() || specs.size() > EstimatorServer.MAX_SPECS_PER_REQUEST) {
            String rule = "must hold 1 to " + EstimatorServer.MAX_SPECS_PER_REQUEST + " specs";
            throw new ApiException(400, "$", rule, "$: a list of " + specs.size() + " specs: " + rule);
        }
        List<Estimate> estimates = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            estimates.add(predict(specs.get(i), "$[" + i + "]"));
        }
        metrics.estimated(specs.size());
        Responses.json(ctx, SpecJson.writeEstimates(estimates));
    }

    private Estimate predict(WorkloadSpec spec, String at) {
        try {
            return config.estimator().predict(Workloads.enrich(config, spec));
        } catch (SpecValidationException e) {
            throw Workloads.refusal(e, at);
        }
    }
}
