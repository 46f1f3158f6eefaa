package io.github.runtimeestimator.planner;

/**
 * One offer as the planner judged it. Times are for the whole job on the whole offer (all devices);
 * costs are in the offer's currency. Times and costs are NaN when the estimate failed.
 *
 * @param offer         the offer
 * @param verdict       what the planner concluded
 * @param reason        why, in words ("" for {@link Verdict#FITS})
 * @param memory        the predicted peak memory per device
 * @param seconds       point estimate of the job's wall time
 * @param lowerSeconds  lower bound
 * @param upperSeconds  upper bound: what the deadline is checked against
 * @param cost          point-estimate cost: {@code seconds / 3600 x pricePerDeviceHour x devices}
 * @param upperCost     upper-bound cost: what the budget is checked against and offers are ranked by
 * @param missRatio     how far it misses its tightest constraint (need / limit over memory, deadline, budget);
 *                      at most 1 for a fitting offer, NaN when the estimate failed
 * @param energyJoules      an upper bound on the energy of the point-estimate time: {@code seconds} x board power x
 *                          devices; NaN when the hardware has no board power figure or the estimate failed
 * @param upperEnergyJoules the same for {@code upperSeconds}: what {@link Objective#ENERGY} ranks by
 */
public record RankedOffer(
        HardwareOffer offer,
        Verdict verdict,
        String reason,
        MemoryEstimate memory,
        double seconds,
        double lowerSeconds,
        double upperSeconds,
        double cost,
        double upperCost,
        double missRatio,
        double energyJoules,
        double upperEnergyJoules) {

    public boolean fits() {
        return verdict == Verdict.FITS;
    }

    public boolean hasEstimate() {
        return !Double.isNaN(seconds);
    }

    /** Whether the energy figures are known. */
    public boolean hasEnergy() {
        return !Double.isNaN(upperEnergyJoules);
    }
}
