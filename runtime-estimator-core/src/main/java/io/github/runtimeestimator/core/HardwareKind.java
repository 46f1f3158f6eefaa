package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a {@link HardwareSpec} is an accelerator or a host CPU. */
public enum HardwareKind {
    GPU("gpu"),
    CPU("cpu");

    private final String id;

    HardwareKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Accepts {@code gpu}/{@code cpu}, and schema v1's {@code device_kind} values {@code cuda} and {@code rocm}. */
    @JsonCreator
    public static HardwareKind fromId(String id) {
        return fromId("hardware.kind", id);
    }

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
