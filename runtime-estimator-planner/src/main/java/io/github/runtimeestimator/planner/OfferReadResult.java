package io.github.runtimeestimator.planner;

import java.util.List;

/**
 * The good offers of a file, in file order, and the rejected ones with their reasons.
 *
 * @param offers     the offers that were read, in file order
 * @param rejections the offers that were left out, each with why
 */
public record OfferReadResult(List<HardwareOffer> offers, List<OfferRejection> rejections) {
    /**
     * Copies {@code offers} and {@code rejections} (neither null) into unmodifiable lists.
     *
     * @param offers     the offers that were read, in file order
     * @param rejections the offers that were left out, each with why
     */
    public OfferReadResult {
        offers = List.copyOf(offers);
        rejections = List.copyOf(rejections);
    }

    /**
     * Whether any offer of the file was left out.
     *
     * @return true when {@link #rejections()} is not empty
     */
    public boolean hasRejections() {
        return !rejections.isEmpty();
    }
}
