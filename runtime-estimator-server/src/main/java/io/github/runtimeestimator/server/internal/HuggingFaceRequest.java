package io.github.runtimeestimator.server.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.SpecValidationException;

/**
 * The body of {@code POST /v1/models/hf-config}: a Hugging Face {@code config.json} and the sequence length to
 * describe it at, as {@code runtime-estimator describe --hf-config} takes them.
 *
 * @param config         the {@code config.json} object, as Hugging Face publishes it
 * @param sequenceLength tokens per sample, >= 1
 * @param name           the model's name; null: the config's {@code _name_or_path}, else {@code hf-model}
 */
public record HuggingFaceRequest(
        @JsonProperty("config") JsonNode config,
        @JsonProperty("sequenceLength") Integer sequenceLength,
        @JsonProperty("name") String name) {

    public HuggingFaceRequest {
        if (config == null || !config.isObject()) {
            throw new SpecValidationException("config", config == null ? null : config.getNodeType().toString()
                    .toLowerCase(java.util.Locale.ROOT), "is required: a Hugging Face config.json object");
        }
        if (sequenceLength == null) {
            throw new SpecValidationException("sequenceLength", null, "is required: tokens per sample, >= 1");
        }
        Checks.atLeast("sequenceLength", sequenceLength, 1);
        if (name != null) {
            Checks.requiredText("name", name);
        }
    }

    /** The name given, else the config's {@code _name_or_path}, else {@code hf-model}. */
    public String modelName() {
        if (name != null) {
            return name.strip();
        }
        JsonNode n = config.get("_name_or_path");
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : "hf-model";
    }
}
