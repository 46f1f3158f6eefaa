package io.github.runtimeestimator.core.catalog;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.List;

/** A hardware id or name the catalogue does not know; the message lists the closest known ids. */
public final class UnknownHardwareException extends SpecValidationException {
    private static final long serialVersionUID = 1L;

    private final List<String> closeIds;

    public UnknownHardwareException(String field, String requested, List<String> closeIds) {
        super(field, requested, rule("", closeIds));
        this.closeIds = List.copyOf(closeIds);
    }

    /**
     * The rule an unknown device breaks, worded once for every reader that reports one: {@code is not in the
     * hardware catalogue<how>; close ids: a, b (add it with a user catalogue file)}.
     *
     * @param how      how the name was looked up, appended to the first clause ("" for plainly)
     * @param closeIds the known ids closest to what was asked, best first; may be empty
     */
    public static String rule(String how, List<String> closeIds) {
        return "is not in the hardware catalogue" + how
                + (closeIds.isEmpty() ? "" : "; close ids: " + String.join(", ", closeIds))
                + " (add it with a user catalogue file)";
    }

    /** The known ids closest to what was asked, best first. */
    public List<String> closeIds() {
        return closeIds;
    }
}
