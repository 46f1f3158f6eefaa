package io.github.runtimeestimator.core.catalog;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.List;

/** A hardware id or name the catalogue does not know; the message lists the closest known ids. */
public final class UnknownHardwareException extends SpecValidationException {
    private static final long serialVersionUID = 1L;

    /** The known ids closest to what was asked, best first; may be empty. */
    private final List<String> closeIds;

    /**
     * An unknown device, with the rule {@link #rule(String, List) rule("", closeIds)}.
     *
     * @param field     the field that named the device, as in Java and JSON ({@code hardware})
     * @param requested the id or name that was asked for; null when missing
     * @param closeIds  the known ids closest to what was asked, best first; may be empty, not null
     */
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
     * @return the rule text
     */
    public static String rule(String how, List<String> closeIds) {
        return "is not in the hardware catalogue" + how
                + (closeIds.isEmpty() ? "" : "; close ids: " + String.join(", ", closeIds))
                + " (add it with a user catalogue file)";
    }

    /**
     * The known ids closest to what was asked, best first.
     *
     * @return the ids, immutable; empty when none is close
     */
    public List<String> closeIds() {
        return closeIds;
    }
}
