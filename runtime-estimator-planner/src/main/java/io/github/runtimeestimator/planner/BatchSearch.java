package io.github.runtimeestimator.planner;

import java.util.List;
import java.util.Optional;

/**
 * Batch sizes compared for one epoch of training on one offer.
 *
 * @param offer             the offer
 * @param largestFittingBatch the largest batch whose predicted memory fits one device; 0 when none does
 * @param options           each candidate batch with its epoch time and cost, smallest batch first
 * @param cheapest          the candidate of lowest upper-bound cost per epoch, or null when none could be estimated
 */
public record BatchSearch(HardwareOffer offer, int largestFittingBatch, List<Option> options, Option cheapest) {

    /**
     * Copies {@code options} (not null, no null elements) into an unmodifiable list.
     *
     * @param offer               the offer
     * @param largestFittingBatch the largest batch that fits one device, 0 when none does
     * @param options             the candidates, smallest batch first
     * @param cheapest            the candidate of lowest upper-bound cost per epoch, or null
     */
    public BatchSearch {
        options = List.copyOf(options);
    }

    /**
     * The candidate of lowest upper-bound cost per epoch.
     *
     * @return the cheapest candidate, or empty when none could be estimated
     */
    public Optional<Option> cheapestOption() {
        return Optional.ofNullable(cheapest);
    }

    /**
     * One candidate batch size.
     *
     * @param batchSize            global batch size
     * @param memory               predicted peak memory per device
     * @param secondsPerEpoch      point estimate of one epoch on the whole offer
     * @param upperSecondsPerEpoch upper bound
     * @param costPerEpoch         point-estimate cost of one epoch
     * @param upperCostPerEpoch    upper-bound cost of one epoch: what is minimised
     * @param failure              "" or why the estimate failed
     */
    public record Option(int batchSize, MemoryEstimate memory, double secondsPerEpoch, double upperSecondsPerEpoch,
                         double costPerEpoch, double upperCostPerEpoch, String failure) {
    }
}
