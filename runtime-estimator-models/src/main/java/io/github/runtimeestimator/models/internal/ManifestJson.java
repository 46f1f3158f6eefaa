package io.github.runtimeestimator.models.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.models.ArtifactFormatException;
import java.io.IOException;

/**
 * Reads and writes {@code manifest.json} strictly: duplicate keys, unknown or missing fields, nulls, trailing
 * content, numbers where text belongs (and the reverse) and fractions where integers belong are all refused,
 * with the JSON path of the field.
 */
final class ManifestJson {
    static final String ENTRY = "manifest.json";

    // the library's strict rules (JsonMappers), plus what a manifest needs beyond them
    private static final JsonMapper JSON = JsonMappers.strictBuilder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ManifestJson() {
    }

    /** The JSON tree of a manifest, parsed strictly; its {@code formatVersion} is read from it before binding. */
    static JsonNode parse(byte[] bytes, String source) throws ArtifactFormatException {
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new ArtifactFormatException(source, ENTRY, null, "is not a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ArtifactFormatException(source, ENTRY, null, "is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ArtifactFormatException(source, ENTRY, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Binds a parsed manifest; a field of the wrong type, missing, null or unknown fails naming its path. The fields
     * added after format 2 was first written ({@link #OPTIONAL_FIELDS}) may be absent: they then take their "not
     * recorded" value, so older format-2 artifacts load as before.
     */
    static ArtifactManifest bind(JsonNode tree, String source) throws ArtifactFormatException {
        return bind(tree, ArtifactManifest.class, "", source);
    }

    /**
     * Takes the optional {@value OperatorSection#FIELD} object out of a parsed manifest and binds it as strictly
     * as the rest; empty when the manifest has none (artifacts written before it existed, or without a
     * per-operator model). Call before {@link #bind(JsonNode, String)}, which would refuse the field as unknown.
     */
    static java.util.Optional<OperatorSection> takeOperatorSection(JsonNode tree, String source)
            throws ArtifactFormatException {
        if (!(tree instanceof ObjectNode root) || !root.has(OperatorSection.FIELD)) {
            return java.util.Optional.empty();
        }
        JsonNode section = root.remove(OperatorSection.FIELD);
        return java.util.Optional.of(bind(section, OperatorSection.class, OperatorSection.FIELD, source));
    }

    private static <T> T bind(JsonNode tree, Class<T> type, String prefix, String source)
            throws ArtifactFormatException {
        try {
            if (type == ArtifactManifest.class && tree instanceof ObjectNode root) {
                withDefaults(root);
            }
            return JSON.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() != null && e.getCause() != e ? e.getCause() : null;
            String problem = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new ArtifactFormatException(source, ENTRY, prefixed(prefix, path(e)), problem, e);
        } catch (JsonProcessingException e) {
            throw new ArtifactFormatException(source, ENTRY, prefixed(prefix, null), e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ArtifactFormatException(source, ENTRY, prefixed(prefix, null), e.getMessage(), e);
        }
    }

    private static final String NO_GROUP = "{\"calibration\": \"\", \"perDistance\": false, \"pooled\":"
            + " {\"lowerLogResidual\": 0, \"upperLogResidual\": 0, \"rows\": 0, \"coverage\": 0}, \"byPhase\": {}}";

    /**
     * Optional fields, by the path of the object that holds them, with the JSON of their "not recorded" value: the
     * descriptor inference (no references), the training domain (unknown) and the interval groups (not calibrated).
     */
    private static final String[][] OPTIONAL_FIELDS = {
        {"", "descriptorInference", "{\"neighbours\": 3, \"references\": []}"},
        {"trainingData", "domain", "{\"parameters\": {\"min\": 0, \"max\": 0}, \"flopsPerSample\": {\"min\": 0,"
                + " \"max\": 0}, \"batchSize\": {\"min\": 0, \"max\": 0}, \"precisionsByKind\": {},"
                + " \"families\": [], \"hardware\": []}"},
        {"intervals", "unseenFamily", NO_GROUP},
        {"intervals", "unseenHardware", NO_GROUP},
        {"intervals", "inferredModel", NO_GROUP},
    };

    private static void withDefaults(ObjectNode root) throws JsonProcessingException {
        for (String[] f : OPTIONAL_FIELDS) {
            JsonNode holder = f[0].isEmpty() ? root : root.get(f[0]);
            if (holder instanceof ObjectNode object && !object.has(f[1])) {
                object.set(f[1], JSON.readTree(f[2]));
            }
        }
        // each training device's precisions, recorded since 2026-12-02: none recorded before
        JsonNode data = root.get("trainingData");
        JsonNode devices = data == null || data.get("domain") == null ? null : data.get("domain").get("hardware");
        if (devices != null && devices.isArray()) {
            for (JsonNode device : devices) {
                if (device instanceof ObjectNode object && !object.has("precisions")) {
                    object.putArray("precisions");
                }
            }
        }
    }

    static byte[] write(ArtifactManifest manifest) {
        return write(manifest, null);
    }

    /** The manifest's bytes, with the {@value OperatorSection#FIELD} section last when there is one. */
    static byte[] write(ArtifactManifest manifest, OperatorSection operatorSection) {
        try {
            if (operatorSection != null) {
                ObjectNode root = JSON.valueToTree(manifest);
                root.set(OperatorSection.FIELD, JSON.valueToTree(operatorSection));
                return JSON.writeValueAsBytes(root);
            }
            return JSON.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the manifest cannot be written as JSON", e);
        }
    }

    private static String prefixed(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        return path == null ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    /** A mapping failure's location as {@code a.b[2].c}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
