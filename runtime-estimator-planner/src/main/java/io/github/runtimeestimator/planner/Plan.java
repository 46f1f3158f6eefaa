package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.planner.internal.PlanFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The planner's answer: the cheapest offer whose upper-bound time meets the deadline (and whose upper-bound
 * cost meets the budget) and memory fits, every offer ranked with its verdict, and, when nothing fits, the
 * nearest misses.
 *
 * @param workload               the workload planned (hardware left as given; each offer supplies its own)
 * @param constraints            deadline and budget
 * @param currency               the offers' currency
 * @param ranked                 every offer: fitting ones by upper-bound cost (or energy, as the constraints'
 *                               objective says), then misses nearest first, failed estimates last
 * @param chosen                 the first fitting offer, or null when nothing fits
 * @param nearestMisses          up to three offers that came closest, when nothing fits (empty otherwise)
 * @param estimator              the estimator's description
 */
public record Plan(
        WorkloadSpec workload,
        Constraints constraints,
        String currency,
        List<RankedOffer> ranked,
        RankedOffer chosen,
        List<RankedOffer> nearestMisses,
        String estimator) {

    /**
     * Copies {@code ranked} and {@code nearestMisses} (neither null) into unmodifiable lists.
     *
     * @param workload      the workload planned
     * @param constraints   deadline and budget
     * @param currency      the offers' currency
     * @param ranked        every offer, ranked
     * @param chosen        the first fitting offer, or null when nothing fits
     * @param nearestMisses the offers that came closest, when nothing fits
     * @param estimator     the estimator's description
     */
    public Plan {
        ranked = List.copyOf(ranked);
        nearestMisses = List.copyOf(nearestMisses);
    }

    /**
     * The offer chosen, when one fits.
     *
     * @return the first fitting offer, or empty when nothing fits
     */
    public Optional<RankedOffer> choice() {
        return Optional.ofNullable(chosen);
    }

    /**
     * Whether no offer meets the constraints and fits memory.
     *
     * @return true when there is no choice
     */
    public boolean nothingFits() {
        return chosen == null;
    }

    /**
     * The cheapest fitting offer whose estimate lies within the estimator's training data, when the choice
     * extrapolates and such an offer exists: the measured alternative a cautious scheduler takes instead.
     *
     * @return the measured alternative, or empty when the choice does not extrapolate, nothing fits, or no fitting
     *         offer lies within the training data
     */
    public Optional<RankedOffer> measuredAlternative() {
        if (chosen == null || !chosen.extrapolates()) {
            return Optional.empty();
        }
        return ranked.stream().filter(r -> r.fits() && !r.extrapolates()).findFirst();
    }

    /**
     * The plan for people: the choice, then every offer ranked, as {@code plan --format markdown} prints it.
     *
     * @return the plan as Markdown
     */
    public String toMarkdown() {
        return PlanFormatter.markdown(this);
    }

    /**
     * The plan as JSON ({@code formatVersion} 1, camelCase keys), as {@code plan} and the service answer it.
     *
     * @return the plan as JSON text
     */
    public String toJson() {
        return PlanFormatter.json(this);
    }

    /**
     * One line: the choice with its time, cost and (when known) energy upper bound, and, when its estimate
     * extrapolates, the mark, the reason and the measured alternative; or "nothing fits" with the nearest misses
     * and why.
     *
     * @return the summary
     */
    public String summary() {
        if (chosen != null) {
            String choice = String.format(Locale.ROOT, "choose %s (%s, %s): %s (up to %s), about %.2f %s (up to %.2f %s)",
                    chosen.offer().id(), chosen.offer().describeHardware(), chosen.offer().provider(),
                    Durations.formatSeconds(chosen.seconds()), Durations.formatSeconds(chosen.upperSeconds()),
                    chosen.cost(), currency, chosen.upperCost(), currency);
            if (chosen.hasEnergy()) {
                choice += String.format(Locale.ROOT, ", at most %s of energy (at most %s at the upper-bound time)",
                        PlanFormatter.energy(chosen.energyJoules()), PlanFormatter.energy(chosen.upperEnergyJoules()));
            }
            if (chosen.spot() != null) {
                choice += String.format(Locale.ROOT, "; spot: expected with %.2f interruptions",
                        chosen.spot().expectedInterruptions());
            }
            if (constraints.objective() == Objective.ENERGY) {
                choice += "; ranked by energy";
            }
            if (chosen.extrapolates()) {
                choice += "; EXTRAPOLATED: " + String.join("; ", chosen.extrapolations());
                Optional<RankedOffer> alt = measuredAlternative();
                choice += alt.map(a -> String.format(Locale.ROOT, "; measured alternative: %s (up to %s, up to %.2f %s)",
                        a.offer().id(), Durations.formatSeconds(a.upperSeconds()), a.upperCost(), currency))
                        .orElse("; no fitting offer is within the training data");
            }
            return choice;
        }
        StringBuilder b = new StringBuilder("nothing fits");
        if (nearestMisses.isEmpty()) {
            b.append(": no offer could be estimated");
        } else {
            b.append("; nearest misses: ");
            for (int i = 0; i < nearestMisses.size(); i++) {
                RankedOffer m = nearestMisses.get(i);
                if (i > 0) {
                    b.append("; ");
                }
                b.append(m.offer().id()).append(" (").append(m.verdict().id()).append(": ").append(m.reason())
                        .append(')');
            }
        }
        return b.toString();
    }
}
