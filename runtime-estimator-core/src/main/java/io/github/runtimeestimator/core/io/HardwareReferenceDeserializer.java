package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.HardwareProbe;
import io.github.runtimeestimator.core.catalog.UnknownHardwareException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code hardware} in any of its forms, resolving names with the catalogue passed as a reader attribute:
 * <ul>
 *   <li>a string: a catalogue id, a name a driver reports, a CPU id with a core count
 *       ({@code amd-epyc-genoa-9654-8c}), or {@value #LOCAL}: the machine the JVM runs on
 *       ({@link HardwareProbe#detectLocal(HardwareCatalog)});</li>
 *   <li>a reference object: {@code id} (any of the string forms) with overrides and nothing else:
 *       {@code {"id": "nvidia-a100-sxm-80gb", "deviceCount": 8}}, {@code {"id": "intel-xeon-emr-16c",
 *       "threads": 4}}, {@code {"id": "amd-epyc-genoa-9654-96c", "cores": 8}}; {@code cores} composes a CPU
 *       for that many cores ({@link HardwareSpec#withCores(int)}), {@code threads} (or {@code threadsUsed}) sets
 *       the intra-op threads, {@code deviceCount} the devices used;</li>
 *   <li>any other object: an inline {@link HardwareSpec} (the default record deserializer).</li>
 * </ul>
 */
final class HardwareReferenceDeserializer extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    /** Reader attribute holding the {@link HardwareCatalog} that resolves hardware names. */
    static final String CATALOG_ATTRIBUTE = HardwareCatalog.class.getName();

    /** The hardware name that means "the machine this runs on". */
    static final String LOCAL = "local";

    /** The keys a reference object may hold; an object with only these (and an id) is a reference. */
    private static final Set<String> REFERENCE_KEYS = Set.of("id", "deviceCount", "threads", "threadsUsed", "cores");

    /** The catalogue used when the reader carries none (the module's); null: a name cannot be resolved. */
    private final transient HardwareCatalog fallback;

    HardwareReferenceDeserializer(JsonDeserializer<?> defaultDeserializer, HardwareCatalog fallback) {
        super(defaultDeserializer);
        this.fallback = fallback;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new HardwareReferenceDeserializer(newDelegatee, fallback);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return resolve(p.getText(), ctxt);
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return super.deserialize(p, ctxt);
        }
        JsonLocation start = p.currentTokenLocation();
        TokenBuffer buffered = ctxt.bufferAsCopyOfValue(p);
        JsonNode tree = ctxt.readTree(replay(buffered, p, start));
        if (isReference(tree)) {
            return withOverrides(tree, ctxt);
        }
        return super.deserialize(replay(buffered, p, start), ctxt);
    }

    /**
     * The buffered object as a parser on its first token. A buffer has no source positions, so every token
     * reports where the object starts: an error inside an inline object names the line of its {@code {}.
     */
    @SuppressWarnings("deprecation") // getTokenLocation/getCurrentLocation: older callers still ask for these
    private static JsonParser replay(TokenBuffer buffered, JsonParser original, JsonLocation start) throws IOException {
        JsonParser replay = new JsonParserDelegate(buffered.asParser(original.getCodec())) {
            @Override
            public JsonLocation currentTokenLocation() {
                return start;
            }

            @Override
            public JsonLocation currentLocation() {
                return start;
            }

            @Override
            public JsonLocation getTokenLocation() {
                return start;
            }

            @Override
            public JsonLocation getCurrentLocation() {
                return start;
            }
        };
        replay.nextToken();
        return replay;
    }

    private static boolean isReference(JsonNode tree) {
        if (!tree.isObject() || !tree.has("id")) {
            return false;
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            if (!REFERENCE_KEYS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private HardwareSpec withOverrides(JsonNode tree, DeserializationContext ctxt) {
        JsonNode id = tree.get("id");
        if (!id.isTextual()) {
            throw new SpecValidationException("hardware.id", id.toString(), "must be a string: a catalogue id, a"
                    + " reported name or \"" + LOCAL + "\"");
        }
        HardwareSpec spec = resolve(id.asText(), ctxt);
        if (tree.has("threads") && tree.has("threadsUsed")) {
            throw new SpecValidationException("hardware.threads", tree.get("threads").toString(),
                    "give threads or threadsUsed, not both");
        }
        if (tree.has("cores")) {
            spec = spec.withCores(wholeNumber(tree, "cores"));
        }
        String threadsKey = tree.has("threads") ? "threads" : "threadsUsed";
        if (tree.has(threadsKey)) {
            spec = spec.withThreadsUsed(wholeNumber(tree, threadsKey));
        }
        if (tree.has("deviceCount")) {
            int count = wholeNumber(tree, "deviceCount");
            if (count < 1) {
                throw new SpecValidationException("hardware.deviceCount", count, "must be >= 1");
            }
            spec = spec.withDeviceCount(count);
        }
        return spec;
    }

    private static int wholeNumber(JsonNode tree, String key) {
        JsonNode v = tree.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new SpecValidationException("hardware." + key, v.isNumber() ? v.numberValue() : v.asText(v.toString()),
                    "must be a whole number");
        }
        return v.intValue();
    }

    private HardwareSpec resolve(String name, DeserializationContext ctxt) {
        Object attribute = ctxt.getAttribute(CATALOG_ATTRIBUTE);
        Object catalog = attribute instanceof HardwareCatalog ? attribute : fallback;
        if (!(catalog instanceof HardwareCatalog c)) {
            throw new SpecValidationException("hardware", name,
                    "a hardware name needs a catalogue to resolve it; give an inline hardware object instead");
        }
        if (LOCAL.equalsIgnoreCase(name.trim())) {
            return HardwareProbe.detectLocal(c);
        }
        return c.find(name).orElseThrow(() -> new UnknownHardwareException("hardware", name, closeIds(c, name)));
    }

    private static List<String> closeIds(HardwareCatalog c, String name) {
        return new ArrayList<>(c.closeIds(name));
    }
}
