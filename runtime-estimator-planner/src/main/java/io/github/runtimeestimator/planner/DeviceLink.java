package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the devices of one node of an offer talk to each other, as the offer states it ({@code deviceLink}).
 * {@link #AUTO} reads it from the catalogue: a device whose {@code interconnect} is a fabric of links (SXM/OAM
 * parts: {@code NVLink 4 (18 links)}, {@code Infinity Fabric (7 links)}) uses it; a device whose link is a bridge
 * between two cards, or that has none, uses PCIe (cloud instances of PCIe cards rarely carry the bridges).
 */
public enum DeviceLink {
    /** From the catalogue, as above (the default). */
    AUTO,
    /** The device's NVLink / Infinity Fabric link from the catalogue; a bridge joins two devices only. */
    NVLINK,
    /** Each device's PCIe host interface (generation and lanes from the catalogue). */
    PCIE;

    private final String id = name().toLowerCase(Locale.ROOT);

    /**
     * The name in lower case, as offers write it and {@link #fromId} reads it.
     *
     * @return {@code auto}, {@code nvlink} or {@code pcie}
     */
    public String id() {
        return id;
    }

    /**
     * Parses {@code auto}, {@code nvlink} or {@code pcie}, case-insensitively; fails naming {@code field}.
     *
     * @param field the field named in the SpecValidationException when {@code value} is null or unknown
     * @param value the text to parse; surrounding blanks are ignored
     * @return the device link
     */
    public static DeviceLink fromId(String field, String value) {
        if (value != null) {
            for (DeviceLink l : values()) {
                if (l.id.equalsIgnoreCase(value.trim())) {
                    return l;
                }
            }
        }
        throw new SpecValidationException(field, value, "must be one of "
                + Arrays.stream(values()).map(DeviceLink::id).collect(Collectors.joining(", ", "[", "]")));
    }
}
