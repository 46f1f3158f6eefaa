package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Everything an estimator is asked about: the model, the job, the precision and the hardware.
 *
 * <p>Hardware may be left out (a planner fills it in per offer); {@link #requireHardware()} is what an
 * estimator calls, and it fails with a clear message when none was given.
 *
 * @param model     the model
 * @param job       the job: phase, batch size, optimizer, dataset size, epochs
 * @param precision the compute precision; FP32 when not given
 * @param hardware  the device, or null when the caller leaves the choice to a planner
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadSpec(
        @JsonProperty("model") ModelSpec model,
        @JsonProperty("job") JobSpec job,
        @JsonProperty("precision") Precision precision,
        @JsonProperty("hardware") HardwareSpec hardware) {

    public WorkloadSpec {
        Checks.required("model", model);
        Checks.required("job", job);
        precision = precision == null ? Precision.FP32 : precision;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().model(model).job(job).precision(precision).hardware(hardware);
    }

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
        return new WorkloadSpec(model, job, precision, newHardware);
    }

    public WorkloadSpec withModel(ModelSpec newModel) {
        return new WorkloadSpec(newModel, job, precision, hardware);
    }

    public WorkloadSpec withJob(JobSpec newJob) {
        return new WorkloadSpec(model, newJob, precision, hardware);
    }

    /** Builds a {@link WorkloadSpec}; validation happens in {@link #build()}. */
    public static final class Builder {
        private ModelSpec model;
        private JobSpec job;
        private Precision precision = Precision.FP32;
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
