package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything an estimator is asked about: the model, the job, the precision and the hardware.
 *
 * <p>Hardware may be left out (a planner fills it in per offer); {@link #requireHardware()} is what an
 * estimator calls, and it fails with a clear message when none was given.
 *
 * @param model     the model
 * @param job       the job: phase, batch size, optimizer, dataset size, epochs
 * @param givenPrecision the compute precision as the spec gives it, or null when it gives none: then
 *                       {@link #precision()} is {@link Precision#FP32} and estimates state that it was assumed
 *                       ({@link #defaultsAssumed()})
 * @param hardware  the device, or null when the caller leaves the choice to a planner
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadSpec(
        @JsonProperty("model") ModelSpec model,
        @JsonProperty("job") JobSpec job,
        @JsonProperty("precision") Precision givenPrecision,
        @JsonProperty("hardware") HardwareSpec hardware) {

    /**
     * Validates the spec: the model and the job are required; fails with a SpecValidationException naming
     * the field.
     *
     * @param model          the model; required
     * @param job            the job; required
     * @param givenPrecision the compute precision, or null when the spec gives none
     * @param hardware       the device, or null when a planner chooses it
     */
    public WorkloadSpec {
        Checks.required("model", model);
        Checks.required("job", job);
    }

    /**
     * The compute precision: the one the spec gives, else {@link Precision#FP32} (and then it was assumed).
     *
     * @return the precision, never null
     */
    public Precision precision() {
        return givenPrecision == null ? Precision.FP32 : givenPrecision;
    }

    /**
     * Whether the spec gave its precision. When it did not, {@link #precision()} is fp32 by default and an
     * estimate states that assumption: a bf16 job estimated as fp32 may take several times longer than the answer.
     *
     * @return true when {@code givenPrecision} is not null
     */
    @JsonIgnore
    public boolean precisionGiven() {
        return givenPrecision != null;
    }

    /**
     * A builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this spec's parts, to make a changed copy.
     *
     * @return a new builder set to this spec
     */
    public Builder toBuilder() {
        return new Builder().model(model).job(job).precision(givenPrecision).hardware(hardware);
    }

    /**
     * What an estimate of this spec assumes because the spec leaves it out, one statement each, as
     * {@link Estimate#assumptions()} states them; empty when the spec says everything. Today only the precision.
     *
     * @return the assumptions, unmodifiable
     */
    public List<String> defaultsAssumed() {
        return givenPrecision == null ? PRECISION_ASSUMED : List.of();
    }

    private static final List<String> PRECISION_ASSUMED = List.of("precision: not given, fp32 assumed (one of "
            + Arrays.stream(Precision.values()).map(Precision::id).toList() + ")");

    /**
     * The hardware, when one was given.
     *
     * @return the hardware, or empty when none was given
     */
    public Optional<HardwareSpec> hardwareIfGiven() {
        return Optional.ofNullable(hardware);
    }

    /**
     * The hardware; fails naming the field when this spec has none.
     *
     * @return the hardware
     * @throws SpecValidationException naming the field {@code hardware} when none was given
     */
    public HardwareSpec requireHardware() {
        if (hardware == null) {
            throw new SpecValidationException("hardware", null, "is required to estimate a runtime");
        }
        return hardware;
    }

    /**
     * This spec with another device.
     *
     * @param newHardware the device, or null to leave the choice to a planner
     * @return a copy with {@code hardware} set
     */
    public WorkloadSpec withHardware(HardwareSpec newHardware) {
        return new WorkloadSpec(model, job, givenPrecision, newHardware);
    }

    /**
     * This spec with another model.
     *
     * @param newModel the model; required
     * @return a copy with {@code model} set
     */
    public WorkloadSpec withModel(ModelSpec newModel) {
        return new WorkloadSpec(newModel, job, givenPrecision, hardware);
    }

    /**
     * This spec with another job.
     *
     * @param newJob the job; required
     * @return a copy with {@code job} set
     */
    public WorkloadSpec withJob(JobSpec newJob) {
        return new WorkloadSpec(model, newJob, givenPrecision, hardware);
    }

    /** Builds a {@link WorkloadSpec}; validation happens in {@link #build()}. */
    public static final class Builder {
        private ModelSpec model;
        private JobSpec job;
        private Precision precision;
        private HardwareSpec hardware;

        private Builder() {
        }

        /**
         * The model; required.
         *
         * @param model the model
         * @return this builder
         */
        public Builder model(ModelSpec model) {
            this.model = model;
            return this;
        }

        /**
         * The job; required.
         *
         * @param job the job
         * @return this builder
         */
        public Builder job(JobSpec job) {
            this.job = job;
            return this;
        }

        /**
         * The compute precision; left unset (or null), fp32 is assumed and the estimate says so.
         *
         * @param precision the precision, or null
         * @return this builder
         */
        public Builder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        /**
         * The device; left unset (or null), a planner chooses it.
         *
         * @param hardware the device, or null
         * @return this builder
         */
        public Builder hardware(HardwareSpec hardware) {
            this.hardware = hardware;
            return this;
        }

        /**
         * Builds the spec; the model and the job are required.
         *
         * @return the spec
         * @throws SpecValidationException when the model or the job is missing, naming the field
         */
        public WorkloadSpec build() {
            return new WorkloadSpec(model, job, precision, hardware);
        }
    }
}
