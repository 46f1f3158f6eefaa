package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Schema v1's {@code status}: only {@link #OK} rows carry a timing. */
public enum MeasurementStatus {
    OK("ok"),
    /** The configuration did not fit in memory. */
    OOM("oom"),
    /** The run failed for another reason. */
    ERROR("error");

    private final String id;

    MeasurementStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static MeasurementStatus fromId(String id) {
        return fromId("status", id);
    }

    public static MeasurementStatus fromId(String field, String id) {
        if (id != null) {
            for (MeasurementStatus s : values()) {
                if (s.id.equalsIgnoreCase(id.trim())) {
                    return s;
                }
            }
        }
        throw new SpecValidationException(field, id, "must be one of [ok, oom, error]");
    }
}
