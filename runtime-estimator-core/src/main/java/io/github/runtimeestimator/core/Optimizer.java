package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The optimizer of a training job; {@link #NONE} for inference. Ids as in schema v1 ({@code sgd} is with momentum). */
public enum Optimizer {
    NONE("none", 0),
    /** SGD with momentum: one state tensor per parameter. */
    SGD("sgd", 1),
    ADAM("adam", 2),
    ADAMW("adamw", 2);

    private final String id;
    private final int stateTensorsPerParameter;

    Optimizer(String id, int stateTensorsPerParameter) {
        this.id = id;
        this.stateTensorsPerParameter = stateTensorsPerParameter;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Optimizer state kept per parameter (momentum: 1; Adam's first and second moments: 2). */
    public int stateTensorsPerParameter() {
        return stateTensorsPerParameter;
    }

    /** Parses an id; an empty or null id means {@link #NONE}, as in schema v1's inference rows. */
    @JsonCreator
    public static Optimizer fromId(String id) {
        return fromId("optimizer", id);
    }

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
