package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the planner minimises among the offers that meet the constraints. */
public enum Objective {
    /** The upper-bound cost (the default). */
    COST,
    /**
     * The upper-bound energy: upper-bound time x board power x devices
     * ({@link io.github.runtimeestimator.core.HardwareSpec#energyUpperBoundJoules(double)}). Offers whose hardware
     * has no board power figure rank after those that have one.
     */
    ENERGY;

    private final String id = name().toLowerCase(Locale.ROOT);

    /**
     * The name in lower case, as {@link #fromId} reads it.
     *
     * @return {@code cost} or {@code energy}
     */
    public String id() {
        return id;
    }

    /**
     * Parses {@code cost} or {@code energy}, case-insensitively; fails naming {@code field} and the known ids.
     *
     * @param field the field named in the SpecValidationException when {@code value} is null or unknown
     * @param value the text to parse; surrounding blanks are ignored
     * @return the objective
     */
    public static Objective fromId(String field, String value) {
        if (value != null) {
            for (Objective o : values()) {
                if (o.id.equalsIgnoreCase(value.trim())) {
                    return o;
                }
            }
        }
        throw new SpecValidationException(field, value, "must be one of "
                + Arrays.stream(values()).map(Objective::id).collect(Collectors.joining(", ", "[", "]")));
    }
}
