package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the model of an estimate was described to the estimator: by the user, by the model catalogue, or inferred.
 * An estimator that reads structural descriptors ({@link ModelSpec#leafLayers()},
 * {@link ModelSpec#activationElementsPerSample()}, {@link ModelSpec#matmulFlopsPerSample()}) or an operator graph
 * is most accurate when they were given or catalogued and least when it had to infer them; the intervals it states
 * say so.
 */
public enum ModelDescription {
    /** The spec carries its own descriptors or operator graph. */
    GIVEN("given"),
    /** The spec's name (with its input shape and parameters) matched a model catalogue entry. */
    CATALOGUE_NAME("catalogue-name"),
    /**
     * The spec's name is not in the catalogue, but its parameters, FLOPs and input shape are those of an entry (a
     * catalogued model under another name): that entry's descriptors were used.
     */
    CATALOGUE_FIGURES("catalogue-figures"),
    /** Nothing matched: the descriptors were estimated from the family, parameters, FLOPs and input shape. */
    INFERRED("inferred"),
    /**
     * Nothing matched and the estimator cannot infer descriptors (an artifact trained before it could): it used the
     * parameters and FLOPs alone.
     */
    NONE("none");

    private final String id;

    ModelDescription(String id) {
        this.id = id;
    }

    /**
     * The id written in JSON and printed by the CLI ({@code catalogue-name}).
     *
     * @return the id
     */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * A sentence fragment for people: {@code "catalogue match by name"}.
     *
     * @return the explanation
     */
    public String explanation() {
        switch (this) {
            case GIVEN:
                return "descriptors or graph given with the spec";
            case CATALOGUE_NAME:
                return "model catalogue match by name";
            case CATALOGUE_FIGURES:
                return "model catalogue match by parameters, FLOPs and input shape (another name)";
            case INFERRED:
                return "descriptors inferred from family, parameters, FLOPs and input shape";
            default:
                return "no descriptors: parameters and FLOPs alone";
        }
    }

    /**
     * Parses an id; fails naming the field {@code modelDescription} and the known ids.
     *
     * @param id the id, case-insensitive, surrounding blanks ignored
     * @return the description
     * @throws SpecValidationException when {@code id} is null or not known
     */
    @JsonCreator
    public static ModelDescription fromId(String id) {
        if (id != null) {
            String key = id.trim().toLowerCase(Locale.ROOT);
            for (ModelDescription d : values()) {
                if (d.id.equals(key)) {
                    return d;
                }
            }
        }
        throw new SpecValidationException("modelDescription", id, "must be one of "
                + Arrays.stream(values()).map(ModelDescription::id).collect(Collectors.joining(", ", "[", "]")));
    }
}
