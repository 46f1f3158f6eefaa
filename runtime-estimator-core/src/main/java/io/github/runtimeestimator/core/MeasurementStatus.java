package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Schema v1's {@code status}: only {@link #OK} rows carry a timing. */
public enum MeasurementStatus {
    /** The run completed and its row carries a timing. */
    OK("ok"),
    /** The configuration did not fit in memory. */
    OOM("oom"),
    /** The run failed for another reason. */
    ERROR("error");

    private final String id;

    MeasurementStatus(String id) {
        this.id = id;
    }

    /**
     * Identifier as in schema v1's {@code status} column ({@code ok}, {@code oom}, {@code error}).
     *
     * @return the identifier
     */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses an identifier, case-insensitively; fails naming the field {@code status}.
     *
     * @param id the identifier; surrounding blanks are ignored
     * @return the status
     * @throws SpecValidationException when {@code id} is null or not known
     */
    @JsonCreator
    public static MeasurementStatus fromId(String id) {
        return fromId("status", id);
    }

    /**
     * Parses an identifier as {@link #fromId(String)} does, naming {@code field} when it fails.
     *
     * @param field the field named in the exception
     * @param id    the identifier, case-insensitive, surrounding blanks ignored
     * @return the status
     * @throws SpecValidationException when {@code id} is null or not known
     */
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
