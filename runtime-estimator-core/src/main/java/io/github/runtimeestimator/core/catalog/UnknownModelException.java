package io.github.runtimeestimator.core.catalog;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.List;

/** A model name the model catalogue does not know; the message lists the closest known names. */
public final class UnknownModelException extends SpecValidationException {
    private static final long serialVersionUID = 1L;

    /** The known names closest to what was asked, best first; may be empty. */
    private final List<String> closeNames;

    /**
     * An unknown model; the rule says how to add it with a model catalogue file.
     *
     * @param field      the field that named the model, as in Java and JSON ({@code model.name})
     * @param requested  the name that was asked for; null when missing
     * @param closeNames the known names closest to what was asked, best first; may be empty, not null
     */
    public UnknownModelException(String field, String requested, List<String> closeNames) {
        super(field, requested, "is not in the model catalogue"
                + (closeNames.isEmpty() ? "" : "; close names: " + String.join(", ", closeNames))
                + " (add it with a model catalogue file: a graph, a Hugging Face config.json or its figures; see "
                + "docs/describe-your-model.md)");
        this.closeNames = List.copyOf(closeNames);
    }

    /**
     * The known names closest to what was asked, best first.
     *
     * @return the names, immutable; empty when none is close
     */
    public List<String> closeNames() {
        return closeNames;
    }
}
