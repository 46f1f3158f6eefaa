package io.github.runtimeestimator.core.catalog;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.List;

/** A model name the model catalogue does not know; the message lists the closest known names. */
public final class UnknownModelException extends SpecValidationException {
    private static final long serialVersionUID = 1L;

    private final List<String> closeNames;

    public UnknownModelException(String field, String requested, List<String> closeNames) {
        super(field, requested, "is not in the model catalogue"
                + (closeNames.isEmpty() ? "" : "; close names: " + String.join(", ", closeNames))
                + " (add it with a model catalogue file: a graph, a Hugging Face config.json or its figures; see "
                + "docs/describe-your-model.md)");
        this.closeNames = List.copyOf(closeNames);
    }

    /** The known names closest to what was asked, best first. */
    public List<String> closeNames() {
        return closeNames;
    }
}
