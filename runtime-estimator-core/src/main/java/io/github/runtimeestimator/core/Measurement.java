package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured configuration: the workload, what was observed, and where. Only {@link MeasurementStatus#OK}
 * rows carry a timing; an {@code oom} row says what does not fit and is never trained on.
 *
 * @param workload      the workload as a spec, with its hardware resolved from the catalogue
 * @param status        ok, oom or error
 * @param seconds       measured wall time: median per batch or step, or the whole epoch; NaN unless ok
 * @param p10Seconds    10th percentile of the timed iterations, NaN if unknown
 * @param p90Seconds    90th percentile of the timed iterations, NaN if unknown
 * @param repeats       timed iterations, 0 if unknown
 * @param steps         steps the timing covers as recorded (1 for infer and train_step rows)
 * @param peakMemoryMib peak device memory in MiB, NaN if not measured
 * @param run           where and with what it was measured
 * @param extraColumns  columns beyond schema v1, kept in order so a write reproduces them
 */
public record Measurement(
        @JsonProperty("workload") WorkloadSpec workload,
        @JsonProperty("status") MeasurementStatus status,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("p10Seconds") double p10Seconds,
        @JsonProperty("p90Seconds") double p90Seconds,
        @JsonProperty("repeats") int repeats,
        @JsonProperty("steps") long steps,
        @JsonProperty("peakMemoryMib") double peakMemoryMib,
        @JsonProperty("run") RunInfo run,
        @JsonProperty("extraColumns") Map<String, String> extraColumns) {

    /**
     * Validates the row; fails with a SpecValidationException naming the field (as in schema v1, {@code time_s}
     * for {@code seconds}). The workload, its hardware, the status and the run are required. An ok row's
     * {@code seconds} is finite and above 0; another row's is NaN or 0 or more. The percentiles and peak memory
     * are NaN or 0 or more, {@code repeats} 0 or more, {@code steps} at least 1. The extra columns are copied in
     * order; null becomes empty.
     *
     * @param workload      the workload, with its hardware; required
     * @param status        ok, oom or error; required
     * @param seconds       measured wall time, in seconds; NaN unless ok
     * @param p10Seconds    10th percentile of the timed iterations, in seconds; NaN if unknown
     * @param p90Seconds    90th percentile of the timed iterations, in seconds; NaN if unknown
     * @param repeats       timed iterations, 0 if unknown
     * @param steps         steps the timing covers, at least 1
     * @param peakMemoryMib peak device memory in MiB, NaN if not measured
     * @param run           where and with what it was measured; required
     * @param extraColumns  columns beyond schema v1, in order; null for none
     */
    public Measurement {
        Checks.required("workload", workload);
        Checks.required("workload.hardware", workload.hardware());
        Checks.required("status", status);
        if (status == MeasurementStatus.OK) {
            Checks.positive("time_s", seconds);
        } else if (!Double.isNaN(seconds)) {
            Checks.nonNegative("time_s", seconds);
        }
        Checks.nonNegativeOrUnknown("time_p10_s", p10Seconds);
        Checks.nonNegativeOrUnknown("time_p90_s", p90Seconds);
        Checks.atLeast("repeats", repeats, 0);
        Checks.atLeast("steps", steps, 1L);
        Checks.nonNegativeOrUnknown("peak_mem_mib", peakMemoryMib);
        Checks.required("run", run);
        extraColumns = extraColumns == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extraColumns));
    }

    /**
     * This measurement of {@code newWorkload} (a spec enriched from a model catalogue, say); all else kept.
     *
     * @param newWorkload the workload, with its hardware; required
     * @return a copy with {@code workload} set
     */
    public Measurement withWorkload(WorkloadSpec newWorkload) {
        return new Measurement(newWorkload, status, seconds, p10Seconds, p90Seconds, repeats, steps, peakMemoryMib, run,
                extraColumns);
    }

    /**
     * Whether the configuration ran and was timed.
     *
     * @return true when {@code status} is {@link MeasurementStatus#OK}
     */
    @JsonIgnore
    public boolean isOk() {
        return status == MeasurementStatus.OK;
    }

    /**
     * Measured time of one step (or inference batch): {@code seconds / steps}.
     *
     * @return the time, in seconds; NaN when {@code seconds} is not known
     */
    @JsonIgnore
    public double secondsPerStep() {
        return seconds / steps;
    }

    /**
     * Whether the peak device memory was measured.
     *
     * @return true when {@code peakMemoryMib} is not NaN
     */
    @JsonIgnore
    public boolean hasPeakMemory() {
        return !Double.isNaN(peakMemoryMib);
    }
}
