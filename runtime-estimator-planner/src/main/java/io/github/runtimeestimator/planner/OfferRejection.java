package io.github.runtimeestimator.planner;

/**
 * One offer that was left out, and why.
 *
 * @param source  the file (or stream name) it came from
 * @param entry   1-based position: the entry in a JSON file's {@code offers}, or the CSV line
 * @param offerId the offer's id, "" when it had none
 * @param field   the field that broke a rule
 * @param reason  the value and the rule it broke
 */
public record OfferRejection(String source, long entry, String offerId, String field, String reason) {

    /**
     * The rejection in one line: {@code offers.json entry 3 (id "x"): hardware = "nvidia-a100": is not in the
     * hardware catalogue ...}.
     *
     * @return the source, the entry, the offer's id when it has one, and the reason
     */
    public String message() {
        return source + " entry " + entry + (offerId.isEmpty() ? "" : " (id \"" + offerId + "\")") + ": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
