package io.github.runtimeestimator.planner;

import java.util.List;

/** The good offers of a file, in file order, and the rejected ones with their reasons. */
public record OfferReadResult(List<HardwareOffer> offers, List<OfferRejection> rejections) {
    public OfferReadResult {
        offers = List.copyOf(offers);
        rejections = List.copyOf(rejections);
    }

    public boolean hasRejections() {
        return !rejections.isEmpty();
    }
}
