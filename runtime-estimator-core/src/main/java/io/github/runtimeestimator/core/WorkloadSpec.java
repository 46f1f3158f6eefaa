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

    public WorkloadSpec {
        Checks.required("model", model);
        Checks.required("job", job);
    }

    /** The compute precision: the one the spec gives, else {@link Precision#FP32} (and then it was assumed). */
    public Precision precision() {
        return givenPrecision == null ? Precision.FP32 : givenPrecision;
    }

    /**
     * Whether the spec gave its precision. When it did not, {@link #precision()} is fp32 by default and an
     * estimate states that assumption: a bf16 job estimated as fp32 may take several times longer than the answer.
     */
    @JsonIgnore
    public boolean precisionGiven() {
        return givenPrecision != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().model(model).job(job).precision(givenPrecision).hardware(hardware);
    }

    /**
     * What an estimate of this spec assumes because the spec leaves it out, one statement each, as
     * {@link Estimate#assumptions()} states them; empty when the spec says everything. Today only the precision.
     */
    public List<String> defaultsAssumed() {
        return givenPrecision == null ? PRECISION_ASSUMED : List.of();
    }

    private static final List<String> PRECISION_ASSUMED = List.of("precision: not given, fp32 assumed (one of "
            + Arrays.stream(Precision.values()).map(Precision::id).toList() + ")");

    /** The hardware, when one was given. */
    public Optional<HardwareSpec> hardwareIfGiven() {
        return Optional.ofNullable(hardware);
    }

    /** The hardware; fails naming the field when this spec has none. */
    public HardwareSpec requireHardware() {
        if (hardware == null) {
            throw new SpecValidationException("hardware", null, "is required to estimate a runtime");
        }
        return hardware;
    }

    public WorkloadSpec withHardware(HardwareSpec newHardware) {
        return new WorkloadSpec(model, job, givenPrecision, newHardware);
    }

    public WorkloadSpec withModel(ModelSpec newModel) {
        return new WorkloadSpec(newModel, job, givenPrecision, hardware);
    }

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

        public Builder model(ModelSpec model) {
            this.model = model;
            return this;
        }

        public Builder job(JobSpec job) {
            this.job = job;
            return this;
        }

        /** The compute precision; left unset (or null), fp32 is assumed and the estimate says so. */
        public Builder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        public Builder hardware(HardwareSpec hardware) {
            this.hardware = hardware;
            return this;
        }

        public WorkloadSpec build() {
            return new WorkloadSpec(model, job, precision, hardware);
        }
    }
}
