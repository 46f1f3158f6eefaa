package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The optimizer of a training job; {@link #NONE} for inference. Ids as in schema v1 ({@code sgd} is with momentum). */
public enum Optimizer {
    /** No optimizer (inference): no state kept. */
    NONE("none", 0),
    /** SGD with momentum: one state tensor per parameter. */
    SGD("sgd", 1),
    /** Adam: two state tensors per parameter (first and second moments). */
    ADAM("adam", 2),
    /** AdamW: two state tensors per parameter, as for Adam. */
    ADAMW("adamw", 2);

    private final String id;
    private final int stateTensorsPerParameter;

    Optimizer(String id, int stateTensorsPerParameter) {
        this.id = id;
        this.stateTensorsPerParameter = stateTensorsPerParameter;
    }

    /**
     * Lower-case identifier as in schema v1 ({@code adamw}).
     *
     * @return the identifier
     */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Optimizer state kept per parameter (momentum: 1; Adam's first and second moments: 2).
     *
     * @return state tensors per parameter, 0 for {@link #NONE}
     */
    public int stateTensorsPerParameter() {
        return stateTensorsPerParameter;
    }

    /**
     * Parses an id; an empty or null id means {@link #NONE}, as in schema v1's inference rows.
     *
     * @param id the identifier, case-insensitive, surrounding blanks ignored; null or blank for none
     * @return the optimizer
     * @throws SpecValidationException naming the field {@code optimizer} when the identifier is not known
     */
    @JsonCreator
    public static Optimizer fromId(String id) {
        return fromId("optimizer", id);
    }

    /**
     * Parses an id as {@link #fromId(String)} does, naming {@code field} when it fails.
     *
     * @param field the field named in the exception
     * @param id    the identifier, case-insensitive; null or blank for {@link #NONE}
     * @return the optimizer
     * @throws SpecValidationException when {@code id} is not known
     */
    public static Optimizer fromId(String field, String id) {
        if (id == null || id.isBlank()) {
            return NONE;
        }
        for (Optimizer o : values()) {
            if (o.id.equalsIgnoreCase(id.trim())) {
                return o;
            }
        }
        throw new SpecValidationException(field, id, "must be one of "
                + Arrays.stream(values()).map(Optimizer::id).collect(Collectors.joining(", ", "[", "]")));
    }
}
