package io.github.runtimeestimator.server.internal;

import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.server.ServerConfig;

/** What the endpoints do to every posted workload, and how a rule it breaks later is reported. */
final class Workloads {
    private Workloads() {
    }

    /**
     * The workload with what the server's model catalogue knows of its model, when the server was started with a
     * model catalogue of its own (as the CLI's {@code --models} does); else the workload as posted.
     */
    static WorkloadSpec enrich(ServerConfig config, WorkloadSpec workload) {
        if (!config.enrichModels()) {
            return workload;
        }
        ModelSpec enriched = config.models().enrich(workload.model());
        return enriched == workload.model() ? workload : workload.withModel(enriched);
    }

    /**
     * A rule a read workload broke when used (no hardware to estimate on, a job too large to combine), as a
     * refusal naming its path under {@code at} ({@code $[2]} for the third spec of a list, {@code $.spec}).
     */
    static ApiException refusal(SpecValidationException e, String at) {
        String field = e.field().startsWith("$") ? e.field() : at + "." + e.field();
        return new ApiException(400, field, e.rule(), field + ": " + e.getMessage());
    }
}
