package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Checks;
import java.util.List;

/**
 * A predicted runtime with its bounds, and the energy it takes at most.
 *
 * <p>New figures join as optional components after {@code estimator}: the seven-argument constructor and
 * {@link #builder()} stay valid as components are added, and JSON written before a figure existed reads back
 * with it unknown.
 *
 * @param seconds                the point estimate of the whole job (one batch, one step, one epoch or the whole job)
 * @param lowerSeconds           lower bound of the interval
 * @param upperSeconds           upper bound of the interval
 * @param secondsPerStep         the estimate of one step (or one inference batch) the job is composed of
 * @param steps                  steps (or batches) in the job
 * @param coverage               the share of held-out measurements the estimator's intervals covered (0.8 = 80%),
 *                               0 when the estimator states none
 * @param estimator              which estimator made it (trainer, feature set, artifact)
 * @param energyUpperBoundJoules an UPPER BOUND on the job's energy, in joules: {@code seconds} x board power
 *                               ({@link HardwareSpec#tdpWatts()}) x devices, as
 *                               {@link HardwareSpec#energyUpperBoundJoules(double)} computes it. Devices rarely draw
 *                               their full board power (memory-bound work draws much less) and the host around them
 *                               is not counted. NaN when the hardware's board power is not known, or the estimator
 *                               does not say; then it is left out of the JSON.
 * @param raisedToPhysicalFloor  true when the estimator's own answer for a step was faster than physics allows
 *                               (below the step's physical floor on its hardware) and the estimate was raised to
 *                               that floor: the estimate is then a lower limit, not a prediction. Written to JSON
 *                               only when true.
 * @param extrapolations         why this estimate lies outside what the estimator was trained on (hardware,
 *                               precision, model size or batch it never saw), one short reason each; empty when
 *                               the spec is within its training data. A scheduler should prefer a measured
 *                               alternative to an estimate with reasons. Written to JSON only when not empty.
 * @param modelDescription       how the model was described to the estimator (given, catalogue match by name or
 *                               by figures, inferred); null when the estimator does not say, then left out of the
 *                               JSON
 * @param breakdown              where the step's time goes, operator by operator; only from
 *                               {@link RuntimeEstimator#explain} by an estimator that sums operators, else null
 *                               (and left out of the JSON)
 * @param assumptions            what the estimate assumed because the spec left it out, one short statement each
 *                               ({@code "precision: fp32 assumed, the spec gives none"}); empty when the spec said
 *                               everything the estimate depends on. Written to JSON only when not empty.
 */
public record Estimate(
        @JsonProperty("seconds") double seconds,
        @JsonProperty("lowerSeconds") double lowerSeconds,
        @JsonProperty("upperSeconds") double upperSeconds,
        @JsonProperty("secondsPerStep") double secondsPerStep,
        @JsonProperty("steps") long steps,
        @JsonProperty("coverage") double coverage,
        @JsonProperty("estimator") String estimator,
        @JsonProperty("energyUpperBoundJoules")
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Estimate.UnknownFigure.class)
        double energyUpperBoundJoules,
        @JsonProperty("raisedToPhysicalFloor") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        boolean raisedToPhysicalFloor,
        @JsonProperty("extrapolations") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<String> extrapolations,
        @JsonProperty("modelDescription") @JsonInclude(JsonInclude.Include.NON_NULL)
        ModelDescription modelDescription,
        @JsonProperty("breakdown") @JsonInclude(JsonInclude.Include.NON_NULL)
        StepBreakdown breakdown,
        @JsonProperty("assumptions") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<String> assumptions) {

    public Estimate {
        Checks.nonNegative("seconds", seconds);
        Checks.nonNegative("lowerSeconds", lowerSeconds);
        Checks.nonNegative("upperSeconds", upperSeconds);
        Checks.nonNegative("secondsPerStep", secondsPerStep);
        if (lowerSeconds > seconds) {
            throw new SpecValidationException("lowerSeconds", lowerSeconds, "must be <= seconds (" + seconds + ")");
        }
        if (upperSeconds < seconds) {
            throw new SpecValidationException("upperSeconds", upperSeconds, "must be >= seconds (" + seconds + ")");
        }
        Checks.atLeast("steps", steps, 1L);
        if (!(coverage >= 0 && coverage <= 1)) {
            throw new SpecValidationException("coverage", coverage, "must be within [0, 1]");
        }
        Checks.requiredText("estimator", estimator);
        Checks.nonNegativeOrUnknown("energyUpperBoundJoules", energyUpperBoundJoules);
        extrapolations = extrapolations == null ? List.of() : List.copyOf(extrapolations);
        assumptions = assumptions == null ? List.of() : List.copyOf(assumptions);
    }

    /** The components before {@code assumptions}: an estimate that assumed nothing the spec left out. */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator, double energyUpperBoundJoules, boolean raisedToPhysicalFloor,
                    List<String> extrapolations, ModelDescription modelDescription, StepBreakdown breakdown) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, energyUpperBoundJoules,
                raisedToPhysicalFloor, extrapolations, modelDescription, breakdown, List.of());
    }

    /** The components before {@code extrapolations}: an estimate within the estimator's training data. */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator, double energyUpperBoundJoules, boolean raisedToPhysicalFloor) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, energyUpperBoundJoules,
                raisedToPhysicalFloor, List.of(), null, null);
    }

    /** The components before {@code modelDescription}: the estimator does not say how the model was described. */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator, double energyUpperBoundJoules, boolean raisedToPhysicalFloor,
                    List<String> extrapolations) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, energyUpperBoundJoules,
                raisedToPhysicalFloor, extrapolations, null, null);
    }

    /** The components before {@code breakdown}: an estimate without an explanation. */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator, double energyUpperBoundJoules, boolean raisedToPhysicalFloor,
                    List<String> extrapolations, ModelDescription modelDescription) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, energyUpperBoundJoules,
                raisedToPhysicalFloor, extrapolations, modelDescription, null);
    }

    /** Whether the estimate lies outside the estimator's training data ({@link #extrapolations()} not empty). */
    @JsonIgnore
    public boolean extrapolates() {
        return !extrapolations.isEmpty();
    }

    /** An estimate the estimator made itself (not raised to a physical floor) whose energy is not known. */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, Double.NaN, false,
                List.of(), null, null);
    }

    /** Reads the JSON form: a figure that is absent (written before it existed, or unknown) is unknown. */
    @JsonCreator
    static Estimate fromJson(@JsonProperty("seconds") double seconds,
                             @JsonProperty("lowerSeconds") double lowerSeconds,
                             @JsonProperty("upperSeconds") double upperSeconds,
                             @JsonProperty("secondsPerStep") double secondsPerStep,
                             @JsonProperty("steps") long steps,
                             @JsonProperty("coverage") double coverage,
                             @JsonProperty("estimator") String estimator,
                             @JsonProperty("energyUpperBoundJoules") Double energyUpperBoundJoules,
                             @JsonProperty("raisedToPhysicalFloor") boolean raisedToPhysicalFloor,
                             @JsonProperty("extrapolations") List<String> extrapolations,
                             @JsonProperty("modelDescription") ModelDescription modelDescription,
                             @JsonProperty("breakdown") StepBreakdown breakdown,
                             @JsonProperty("assumptions") List<String> assumptions) {
        return new Estimate(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator,
                energyUpperBoundJoules == null ? Double.NaN : energyUpperBoundJoules, raisedToPhysicalFloor,
                extrapolations, modelDescription, breakdown, assumptions);
    }

    /** Whether {@link #energyUpperBoundJoules()} is known. */
    @JsonIgnore
    public boolean hasEnergy() {
        return !Double.isNaN(energyUpperBoundJoules);
    }

    /**
     * This estimate with its energy upper bound for {@code hardware}: {@code seconds} x board power x devices (NaN
     * when the hardware has no board power figure).
     */
    public Estimate withEnergyFor(HardwareSpec hardware) {
        Checks.required("hardware", hardware);
        return toBuilder().energyUpperBoundJoules(hardware.energyUpperBoundJoules(seconds)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().seconds(seconds).lowerSeconds(lowerSeconds).upperSeconds(upperSeconds)
                .secondsPerStep(secondsPerStep).steps(steps).coverage(coverage).estimator(estimator)
                .energyUpperBoundJoules(energyUpperBoundJoules).raisedToPhysicalFloor(raisedToPhysicalFloor)
                .extrapolations(extrapolations).modelDescription(modelDescription).breakdown(breakdown)
                .assumptions(assumptions);
    }

    /** Builds an {@link Estimate}; validation happens in {@link #build()}. Unset figures are unknown (NaN). */
    public static final class Builder {
        private double seconds;
        private double lowerSeconds;
        private double upperSeconds;
        private double secondsPerStep;
        private long steps = 1;
        private double coverage;
        private String estimator;
        private double energyUpperBoundJoules = Double.NaN;
        private boolean raisedToPhysicalFloor;
        private List<String> extrapolations = List.of();
        private ModelDescription modelDescription;
        private StepBreakdown breakdown;
        private List<String> assumptions = List.of();

        private Builder() {
        }

        public Builder seconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        public Builder lowerSeconds(double lowerSeconds) {
            this.lowerSeconds = lowerSeconds;
            return this;
        }

        public Builder upperSeconds(double upperSeconds) {
            this.upperSeconds = upperSeconds;
            return this;
        }

        public Builder secondsPerStep(double secondsPerStep) {
            this.secondsPerStep = secondsPerStep;
            return this;
        }

        public Builder steps(long steps) {
            this.steps = steps;
            return this;
        }

        public Builder coverage(double coverage) {
            this.coverage = coverage;
            return this;
        }

        public Builder estimator(String estimator) {
            this.estimator = estimator;
            return this;
        }

        public Builder energyUpperBoundJoules(double joules) {
            this.energyUpperBoundJoules = joules;
            return this;
        }

        public Builder raisedToPhysicalFloor(boolean raised) {
            this.raisedToPhysicalFloor = raised;
            return this;
        }

        public Builder extrapolations(List<String> reasons) {
            this.extrapolations = reasons;
            return this;
        }

        public Builder modelDescription(ModelDescription how) {
            this.modelDescription = how;
            return this;
        }

        /** Where the step's time goes ({@link RuntimeEstimator#explain}); null: not explained. */
        public Builder breakdown(StepBreakdown value) {
            this.breakdown = value;
            return this;
        }

        /** What the estimate assumed because the spec left it out; empty: nothing. */
        public Builder assumptions(List<String> statements) {
            this.assumptions = statements;
            return this;
        }

        public Estimate build() {
            return new Estimate(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator,
                    energyUpperBoundJoules, raisedToPhysicalFloor, extrapolations, modelDescription, breakdown,
                    assumptions);
        }
    }

    /** Jackson value filter: leaves an unknown (NaN) figure out of the JSON. */
    static final class UnknownFigure {
        @Override
        public boolean equals(Object value) {
            return value instanceof Double d && d.isNaN();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
