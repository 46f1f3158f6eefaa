package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.ModelDescription;
import java.util.List;

/**
 * One offer as the planner judged it. Times are for the whole job on the whole offer (all devices); on a spot offer
 * they are expectations over interruptions (checkpoints and restarts included). Costs are in the offer's currency,
 * as billed (the offer's {@link Billing} applied to each time). Times and costs are NaN when there is no estimate.
 *
 * @param offer          the offer
 * @param verdict        what the planner concluded
 * @param reason         why, in words ("" for {@link Verdict#FITS})
 * @param memory         the predicted peak memory per device
 * @param seconds        point estimate of the job's wall time
 * @param lowerSeconds   lower bound
 * @param upperSeconds   upper bound: what the deadline is checked against
 * @param cost           point-estimate cost: {@code billedSeconds(seconds) / 3600 x pricePerDeviceHour x devices}
 * @param upperCost      upper-bound cost: what the budget is checked against and offers are ranked by
 * @param missRatio      how far it misses its tightest constraint (need / limit over memory, deadline, budget);
 *                       at most 1 for a fitting offer, NaN when there is no estimate
 * @param energyJoules      an upper bound on the energy of the point-estimate time: {@code seconds} x board power x
 *                          devices; NaN when the hardware has no board power figure or there is no estimate
 * @param upperEnergyJoules the same for {@code upperSeconds}: what {@link Objective#ENERGY} ranks by
 * @param extrapolations why the estimate lies outside the estimator's training data (from
 *                       {@link io.github.runtimeestimator.core.Estimate#extrapolations()}); empty when it does not
 * @param scaling        how a training job was spread over several devices, or null (one device, inference, or
 *                       no estimate)
 * @param spot           what interruptions add at the upper bound on a spot offer, or null (on demand)
 * @param tensorParallel how a model too large for one device was estimated split tensor-parallel over the offer's
 *                       devices, or null (not needed, or not estimable: the reason says why)
 * @param modelDescription how the estimator described the model ({@link
 *                       io.github.runtimeestimator.core.Estimate#modelDescription()}); null when it does not say or
 *                       there is no estimate
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
        double upperEnergyJoules,
        List<String> extrapolations,
        ScalingDetail scaling,
        SpotExpectation spot,
        TensorParallelDetail tensorParallel,
        ModelDescription modelDescription) {

    /**
     * Copies {@code extrapolations} into an unmodifiable list; null becomes empty.
     *
     * @param offer             the offer
     * @param verdict           what the planner concluded
     * @param reason            why, in words ("" for {@link Verdict#FITS})
     * @param memory            the predicted peak memory per device
     * @param seconds           point estimate of the job's wall time, in seconds
     * @param lowerSeconds      lower bound, in seconds
     * @param upperSeconds      upper bound, in seconds
     * @param cost              point-estimate cost
     * @param upperCost         upper-bound cost
     * @param missRatio         need / limit over the tightest constraint; NaN when there is no estimate
     * @param energyJoules      energy upper bound at the point-estimate time, in joules, or NaN
     * @param upperEnergyJoules energy upper bound at the upper-bound time, in joules, or NaN
     * @param extrapolations    why the estimate lies outside the training data; null for none
     * @param scaling           how a training job was spread over several devices, or null
     * @param spot              what interruptions add on a spot offer, or null
     * @param tensorParallel    how the model was estimated split tensor-parallel, or null
     * @param modelDescription  how the estimator described the model, or null
     */
    public RankedOffer {
        extrapolations = extrapolations == null ? List.of() : List.copyOf(extrapolations);
    }

    /**
     * Whether the offer meets every constraint and fits memory.
     *
     * @return true when the verdict is {@link Verdict#FITS}
     */
    public boolean fits() {
        return verdict == Verdict.FITS;
    }

    /**
     * Whether the offer's time was estimated.
     *
     * @return false when {@code seconds} is NaN
     */
    public boolean hasEstimate() {
        return !Double.isNaN(seconds);
    }

    /**
     * Whether the energy figures are known.
     *
     * @return false when {@code upperEnergyJoules} is NaN
     */
    public boolean hasEnergy() {
        return !Double.isNaN(upperEnergyJoules);
    }

    /**
     * Whether its estimate lies outside the estimator's training data: a scheduler should prefer a measured one.
     *
     * @return true when {@link #extrapolations()} is not empty
     */
    public boolean extrapolates() {
        return !extrapolations.isEmpty();
    }

    /**
     * {@code within training data} or {@code extrapolated: <reasons>}: the mark every format prints.
     *
     * @return the mark, or {@code -} when there is no estimate
     */
    public String trust() {
        if (!hasEstimate()) {
            return "-";
        }
        return extrapolates() ? "extrapolated: " + String.join("; ", extrapolations) : "within training data";
    }
}
