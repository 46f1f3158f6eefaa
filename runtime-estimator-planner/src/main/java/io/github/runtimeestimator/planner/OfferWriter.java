package io.github.runtimeestimator.planner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.internal.JsonMappers;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes offers as the JSON offers document {@link OfferReader} reads ({@code {"formatVersion": 1, "offers":
 * [...]}}): {@code hardware} as the catalogue id, optional fields only when they are set. Reading what this writes
 * with the same catalogue gives equal offers, billing rule, spot market, node shape and links included.
 */
public final class OfferWriter {
    private static final ObjectMapper JSON = JsonMappers.output();

    private OfferWriter() {
    }

    /**
     * The offers document of {@code offers}, pretty-printed, in list order.
     *
     * @param offers the offers to write
     * @return the JSON document
     */
    public static String json(List<HardwareOffer> offers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", OfferReader.FORMAT_VERSION);
        ArrayNode all = root.putArray("offers");
        for (HardwareOffer offer : offers) {
            ObjectNode o = all.addObject();
            o.put("id", offer.id());
            o.put("hardware", offer.hardware().id());
            o.put("deviceCount", offer.deviceCount());
            o.put("pricePerDeviceHour", offer.pricePerDeviceHour());
            o.put("currency", offer.currency());
            o.put("provider", offer.provider());
            optional(o, "region", offer.region());
            optional(o, "notes", offer.notes());
            optional(o, "priceSource", offer.priceSource());
            optional(o, "priceAsOf", offer.priceAsOf());
            Billing billing = offer.billing();
            if (!billing.equals(Billing.PER_SECOND)) {
                o.put("billingIncrementSeconds", billing.incrementSeconds());
                o.put("minimumBilledSeconds", billing.minimumSeconds());
                optional(o, "billingSource", billing.source());
            }
            if (offer.spot() != null) {
                o.put("spot", true);
                o.put("interruptionsPerHour", offer.spot().interruptionsPerHour());
                optional(o, "interruptionSource", offer.spot().source());
            }
            if (offer.devicesPerNode() > 0) {
                o.put("devicesPerNode", offer.devicesPerNode());
            }
            if (offer.deviceLink() != null) {
                o.put("deviceLink", offer.deviceLink().id());
            }
            if (offer.networkBandwidthBytesPerSecond() > 0) {
                o.put("networkBandwidthBytesPerSecond", offer.networkBandwidthBytesPerSecond());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write offers as JSON", e);
        }
    }

    private static void optional(ObjectNode o, String key, String value) {
        if (!value.isEmpty()) {
            o.put(key, value);
        }
    }
}
