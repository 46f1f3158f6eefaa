package io.github.runtimeestimator.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.graph.HuggingFaceConfig;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.planner.OfferWriter;
import io.github.runtimeestimator.server.ServerConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the server knows: its hardware catalogue ({@code catalog --format json}'s document), one entry of it, its
 * model catalogue (the entries' specs, graphs left out), a model read from a Hugging Face {@code config.json} (as
 * {@code describe --hf-config} reads it) and its offers (an offers file). The lists never change while the server
 * runs, so they are written once.
 */
final class CatalogueEndpoints {
    private final ServerConfig config;
    private final JsonBodies bodies;
    private final byte[] hardware;
    private final byte[] models;
    private final byte[] offers;

    CatalogueEndpoints(ServerConfig config, JsonBodies bodies) {
        this.config = config;
        this.bodies = bodies;
        this.hardware = utf8(config.hardware().toJson());
        this.models = utf8(SpecJson.writeModels(config.models().all().stream().map(m -> m.withGraph(null)).toList()));
        this.offers = utf8(OfferWriter.json(config.offers()));
    }

    void hardware(Context ctx) {
        Responses.json(ctx, hardware);
    }

    /** One hardware entry by id or driver-reported name, as {@code hardware} in a spec resolves it. */
    void hardwareEntry(Context ctx) {
        String id = ctx.pathParam("id");
        HardwareSpec entry = config.hardware().find(id).orElseThrow(() -> {
            List<String> close = config.hardware().closeIds(id);
            return new ApiException(404, "id", "must be a hardware catalogue id or a driver-reported name",
                    "hardware \"" + id + "\" is not in the catalogue"
                            + (close.isEmpty() ? "" : "; close ids: " + String.join(", ", close)));
        });
        try {
            Responses.json(ctx, JsonMappers.output().writeValueAsString(entry));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    void models(Context ctx) {
        Responses.json(ctx, models);
    }

    /** A model spec, with its operator graph, from a Hugging Face config.json at a sequence length. */
    void modelFromHuggingFace(Context ctx) {
        byte[] body = bodies.read(ctx, "{\"config\": {...config.json...}, \"sequenceLength\": 128}");
        HuggingFaceRequest request = SpecJson.readValue(body, HuggingFaceRequest.class, config.hardware(),
                config.models());
        ModelSpec model;
        try {
            model = HuggingFaceConfig.parse(request.config(), "$.config")
                    .modelSpec(request.modelName(), request.sequenceLength());
        } catch (SpecValidationException e) {
            // the config's keys are named from $.config; a figure of the whole model (its weights) is the config's
            throw Workloads.refusal(e, e.field().equals("sequenceLength") ? "$" : "$.config");
        }
        Responses.json(ctx, SpecJson.writeModel(model));
    }

    void offers(Context ctx) {
        Responses.json(ctx, offers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
