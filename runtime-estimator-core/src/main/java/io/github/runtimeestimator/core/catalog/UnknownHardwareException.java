package io.github.runtimeestimator.core.catalog;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.List;

/** A hardware id or name the catalogue does not know; the message lists the closest known ids. */
public final class UnknownHardwareException extends SpecValidationException {
    private static final long serialVersionUID = 1L;

    private final List<String> closeIds;

    public UnknownHardwareException(String field, String requested, List<String> closeIds) {
        super(field, requested, "is not in the hardware catalogue"
                + (closeIds.isEmpty() ? "" : "; close ids: " + String.join(", ", closeIds))
                + " (add it with a user catalogue file)");
        this.closeIds = List.copyOf(closeIds);
    }

    /** The known ids closest to what was asked, best first. */
    public List<String> closeIds() {
        return closeIds;
    }
}
