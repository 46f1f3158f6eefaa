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

    /**
     * Validates the figures; fails with a SpecValidationException naming the field. Seconds are finite and
     * zero or more, with {@code lowerSeconds <= seconds <= upperSeconds}; {@code steps} is at least 1;
     * {@code coverage} lies within [0, 1]; {@code estimator} is not blank; the energy is NaN or zero or more.
     * Null lists become empty, and the lists are copied.
     *
     * @param seconds                the point estimate of the whole job, in seconds
     * @param lowerSeconds           lower bound of the interval, in seconds
     * @param upperSeconds           upper bound of the interval, in seconds
     * @param secondsPerStep         the estimate of one step (or one inference batch), in seconds
     * @param steps                  steps (or batches) in the job, at least 1
     * @param coverage               share of held-out measurements its intervals covered, in [0, 1]; 0 when not stated
     * @param estimator              which estimator made it (trainer, feature set, artifact); not blank
     * @param energyUpperBoundJoules an upper bound on the job's energy, in joules; NaN when not known
     * @param raisedToPhysicalFloor  true when the estimate was raised to the step's physical floor
     * @param extrapolations         why it lies outside the estimator's training data; null or empty when it does not
     * @param modelDescription       how the model was described to the estimator; null when it does not say
     * @param breakdown              where the step's time goes, operator by operator; null when not explained
     * @param assumptions            what it assumed because the spec left it out; null or empty when nothing
     */
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

    /**
     * The components before {@code assumptions}: an estimate that assumed nothing the spec left out.
     *
     * @param seconds                the point estimate of the whole job, in seconds
     * @param lowerSeconds           lower bound of the interval, in seconds
     * @param upperSeconds           upper bound of the interval, in seconds
     * @param secondsPerStep         the estimate of one step (or one inference batch), in seconds
     * @param steps                  steps (or batches) in the job, at least 1
     * @param coverage               share of held-out measurements its intervals covered, in [0, 1]; 0 when not stated
     * @param estimator              which estimator made it (trainer, feature set, artifact); not blank
     * @param energyUpperBoundJoules an upper bound on the job's energy, in joules; NaN when not known
     * @param raisedToPhysicalFloor  true when the estimate was raised to the step's physical floor
     * @param extrapolations         why it lies outside the estimator's training data; null or empty when it does not
     * @param modelDescription       how the model was described to the estimator; null when it does not say
     * @param breakdown              where the step's time goes, operator by operator; null when not explained
     */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator, double energyUpperBoundJoules, boolean raisedToPhysicalFloor,
                    List<String> extrapolations, ModelDescription modelDescription, StepBreakdown breakdown) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, energyUpperBoundJoules,
                raisedToPhysicalFloor, extrapolations, modelDescription, breakdown, List.of());
    }

    /**
     * The components before {@code extrapolations}: an estimate within the estimator's training data.
     *
     * @param seconds                the point estimate of the whole job, in seconds
     * @param lowerSeconds           lower bound of the interval, in seconds
     * @param upperSeconds           upper bound of the interval, in seconds
     * @param secondsPerStep         the estimate of one step (or one inference batch), in seconds
     * @param steps                  steps (or batches) in the job, at least 1
     * @param coverage               share of held-out measurements its intervals covered, in [0, 1]; 0 when not stated
     * @param estimator              which estimator made it (trainer, feature set, artifact); not blank
     * @param energyUpperBoundJoules an upper bound on the job's energy, in joules; NaN when not known
     * @param raisedToPhysicalFloor  true when the estimate was raised to the step's physical floor
     */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator, double energyUpperBoundJoules, boolean raisedToPhysicalFloor) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, energyUpperBoundJoules,
                raisedToPhysicalFloor, List.of(), null, null);
    }

    /**
     * The components before {@code modelDescription}: the estimator does not say how the model was described.
     *
     * @param seconds                the point estimate of the whole job, in seconds
     * @param lowerSeconds           lower bound of the interval, in seconds
     * @param upperSeconds           upper bound of the interval, in seconds
     * @param secondsPerStep         the estimate of one step (or one inference batch), in seconds
     * @param steps                  steps (or batches) in the job, at least 1
     * @param coverage               share of held-out measurements its intervals covered, in [0, 1]; 0 when not stated
     * @param estimator              which estimator made it (trainer, feature set, artifact); not blank
     * @param energyUpperBoundJoules an upper bound on the job's energy, in joules; NaN when not known
     * @param raisedToPhysicalFloor  true when the estimate was raised to the step's physical floor
     * @param extrapolations         why it lies outside the estimator's training data; null or empty when it does not
     */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator, double energyUpperBoundJoules, boolean raisedToPhysicalFloor,
                    List<String> extrapolations) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, energyUpperBoundJoules,
                raisedToPhysicalFloor, extrapolations, null, null);
    }

    /**
     * The components before {@code breakdown}: an estimate without an explanation.
     *
     * @param seconds                the point estimate of the whole job, in seconds
     * @param lowerSeconds           lower bound of the interval, in seconds
     * @param upperSeconds           upper bound of the interval, in seconds
     * @param secondsPerStep         the estimate of one step (or one inference batch), in seconds
     * @param steps                  steps (or batches) in the job, at least 1
     * @param coverage               share of held-out measurements its intervals covered, in [0, 1]; 0 when not stated
     * @param estimator              which estimator made it (trainer, feature set, artifact); not blank
     * @param energyUpperBoundJoules an upper bound on the job's energy, in joules; NaN when not known
     * @param raisedToPhysicalFloor  true when the estimate was raised to the step's physical floor
     * @param extrapolations         why it lies outside the estimator's training data; null or empty when it does not
     * @param modelDescription       how the model was described to the estimator; null when it does not say
     */
    public Estimate(double seconds, double lowerSeconds, double upperSeconds, double secondsPerStep, long steps,
                    double coverage, String estimator, double energyUpperBoundJoules, boolean raisedToPhysicalFloor,
                    List<String> extrapolations, ModelDescription modelDescription) {
        this(seconds, lowerSeconds, upperSeconds, secondsPerStep, steps, coverage, estimator, energyUpperBoundJoules,
                raisedToPhysicalFloor, extrapolations, modelDescription, null);
    }

    /**
     * Whether the estimate lies outside the estimator's training data ({@link #extrapolations()} not empty).
     *
     * @return true when there is at least one extrapolation reason
     */
    @JsonIgnore
    public boolean extrapolates() {
        return !extrapolations.isEmpty();
    }

    /**
     * An estimate the estimator made itself (not raised to a physical floor) whose energy is not known.
     *
     * @param seconds        the point estimate of the whole job, in seconds
     * @param lowerSeconds   lower bound of the interval, in seconds
     * @param upperSeconds   upper bound of the interval, in seconds
     * @param secondsPerStep the estimate of one step (or one inference batch), in seconds
     * @param steps          steps (or batches) in the job, at least 1
     * @param coverage       share of held-out measurements its intervals covered, in [0, 1]; 0 when not stated
     * @param estimator      which estimator made it (trainer, feature set, artifact); not blank
     */
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

    /**
     * Whether {@link #energyUpperBoundJoules()} is known.
     *
     * @return true when the energy upper bound is not NaN
     */
    @JsonIgnore
    public boolean hasEnergy() {
        return !Double.isNaN(energyUpperBoundJoules);
    }

    /**
     * This estimate with its energy upper bound for {@code hardware}: {@code seconds} x board power x devices (NaN
     * when the hardware has no board power figure).
     *
     * @param hardware the hardware the job runs on; required
     * @return a copy of this estimate with {@code energyUpperBoundJoules} set
     */
    public Estimate withEnergyFor(HardwareSpec hardware) {
        Checks.required("hardware", hardware);
        return toBuilder().energyUpperBoundJoules(hardware.energyUpperBoundJoules(seconds)).build();
    }

    /**
     * A builder with no figures set: one step, energy unknown, no extrapolations or assumptions.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this estimate's components, to make a changed copy.
     *
     * @return a new builder set to this estimate
     */
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

        /**
         * The point estimate of the whole job, in seconds.
         *
         * @param seconds the estimate, in seconds
         * @return this builder
         */
        public Builder seconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        /**
         * Lower bound of the interval, in seconds.
         *
         * @param lowerSeconds the lower bound, in seconds
         * @return this builder
         */
        public Builder lowerSeconds(double lowerSeconds) {
            this.lowerSeconds = lowerSeconds;
            return this;
        }

        /**
         * Upper bound of the interval, in seconds.
         *
         * @param upperSeconds the upper bound, in seconds
         * @return this builder
         */
        public Builder upperSeconds(double upperSeconds) {
            this.upperSeconds = upperSeconds;
            return this;
        }

        /**
         * The estimate of one step (or one inference batch), in seconds.
         *
         * @param secondsPerStep the step estimate, in seconds
         * @return this builder
         */
        public Builder secondsPerStep(double secondsPerStep) {
            this.secondsPerStep = secondsPerStep;
            return this;
        }

        /**
         * Steps (or batches) in the job; 1 unless set.
         *
         * @param steps the step count, at least 1
         * @return this builder
         */
        public Builder steps(long steps) {
            this.steps = steps;
            return this;
        }

        /**
         * The share of held-out measurements the estimator's intervals covered; 0 unless set.
         *
         * @param coverage the share, within [0, 1]
         * @return this builder
         */
        public Builder coverage(double coverage) {
            this.coverage = coverage;
            return this;
        }

        /**
         * Which estimator made the estimate; required.
         *
         * @param estimator the estimator's name
         * @return this builder
         */
        public Builder estimator(String estimator) {
            this.estimator = estimator;
            return this;
        }

        /**
         * An upper bound on the job's energy, in joules; NaN (unknown) unless set.
         *
         * @param joules the bound, in joules, or NaN when not known
         * @return this builder
         */
        public Builder energyUpperBoundJoules(double joules) {
            this.energyUpperBoundJoules = joules;
            return this;
        }

        /**
         * Whether the estimate was raised to the step's physical floor.
         *
         * @param raised true when it was raised
         * @return this builder
         */
        public Builder raisedToPhysicalFloor(boolean raised) {
            this.raisedToPhysicalFloor = raised;
            return this;
        }

        /**
         * Why the estimate lies outside the estimator's training data; empty unless set.
         *
         * @param reasons one short reason each; null or empty when it does not
         * @return this builder
         */
        public Builder extrapolations(List<String> reasons) {
            this.extrapolations = reasons;
            return this;
        }

        /**
         * How the model was described to the estimator; null unless set.
         *
         * @param how the description, or null when the estimator does not say
         * @return this builder
         */
        public Builder modelDescription(ModelDescription how) {
            this.modelDescription = how;
            return this;
        }

        /**
         * Where the step's time goes ({@link RuntimeEstimator#explain}); null: not explained.
         *
         * @param value the breakdown, or null
         * @return this builder
         */
        public Builder breakdown(StepBreakdown value) {
            this.breakdown = value;
            return this;
        }

        /**
         * What the estimate assumed because the spec left it out; empty: nothing.
         *
         * @param statements one short statement each; null or empty when nothing was assumed
         * @return this builder
         */
        public Builder assumptions(List<String> statements) {
            this.assumptions = statements;
            return this;
        }

        /**
         * Builds the estimate, validated as the canonical constructor validates it.
         *
         * @return the estimate
         * @throws SpecValidationException when a figure breaks its rule, naming the field
         */
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
