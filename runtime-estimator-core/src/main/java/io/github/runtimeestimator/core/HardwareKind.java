package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a {@link HardwareSpec} is an accelerator or a host CPU. */
public enum HardwareKind {
    /** A GPU or other accelerator; identifier {@code gpu}. */
    GPU("gpu"),
    /** A host CPU; identifier {@code cpu}. */
    CPU("cpu");

    private final String id;

    HardwareKind(String id) {
        this.id = id;
    }

    /**
     * Lower-case identifier as written in JSON ({@code gpu}, {@code cpu}).
     *
     * @return the identifier
     */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Accepts {@code gpu}/{@code cpu}, and schema v1's {@code device_kind} values {@code cuda} and {@code rocm}.
     *
     * @param id the identifier, case-insensitive, surrounding blanks ignored
     * @return the kind
     * @throws SpecValidationException naming the field {@code hardware.kind} when the identifier is not known
     */
    @JsonCreator
    public static HardwareKind fromId(String id) {
        return fromId("hardware.kind", id);
    }

    /**
     * Parses an identifier as {@link #fromId(String)} does, naming {@code field} when it fails.
     *
     * @param field the field named in the exception
     * @param id    the identifier, case-insensitive, surrounding blanks ignored
     * @return the kind
     * @throws SpecValidationException when {@code id} is null or not known
     */
    public static HardwareKind fromId(String field, String id) {
        if (id != null) {
            switch (id.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "gpu":
                case "cuda":
                case "rocm":
                    return GPU;
                case "cpu":
                    return CPU;
                default:
                    break;
            }
        }
        throw new SpecValidationException(field, id, "must be one of [gpu, cpu] (schema v1 also: cuda, rocm)");
    }
}
