package io.github.runtimeestimator.core;

import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.core.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operator timed on one device at one precision: a row of a kernel-measurement file (schema
 * {@code kernels-v1}, {@code docs/formats/kernel-measurements.md}) or of a public file read into the same shape.
 * The operator is the shape that ran (batch folded in), in the vocabulary of operator graphs, so what the
 * per-operator model learns from is exactly what it is asked about.
 *
 * @param operator       the operator that ran
 * @param hardware       the device, resolved from the hardware catalogue
 * @param precision      what the kernel computed in ({@code tf32} for an FP32 matmul with TF32 enabled)
 * @param status         ok, oom or error; only ok rows carry a timing
 * @param seconds        median wall time of one call; NaN unless ok
 * @param secondsMin     fastest call, NaN when unknown
 * @param repeats        timed calls after warm-up, 0 when unknown
 * @param reportedDevice the device name as the row gave it (driver or {@code lscpu} name, or the catalogue id)
 * @param threads        intra-op threads on a CPU; 0 on a GPU
 * @param framework      framework and version ({@code pytorch 2.1.0 cu121})
 * @param runId          the collection run
 * @param source         provenance ({@code collector 0.2}, {@code neusight 6945927}, {@code vidur 7d47513})
 * @param extraColumns   columns beyond the schema, kept in file order so a write reproduces them
 */
public record KernelMeasurement(
        Operator operator,
        HardwareSpec hardware,
        Precision precision,
        MeasurementStatus status,
        double seconds,
        double secondsMin,
        int repeats,
        String reportedDevice,
        int threads,
        String framework,
        String runId,
        String source,
        Map<String, String> extraColumns) {

    /**
     * Validates the row; fails with a SpecValidationException naming the field. Operator, hardware, precision and
     * status are required. An ok row's {@code seconds} is finite and above 0; another row's is NaN or 0 or more.
     * {@code secondsMin} is NaN or 0 or more; {@code repeats} and {@code threads} are 0 or more. A null or blank
     * reported device becomes the hardware's id, null text becomes empty, and the extra columns are copied in order.
     *
     * @param operator       the operator that ran; required
     * @param hardware       the device; required
     * @param precision      what the kernel computed in; required
     * @param status         ok, oom or error; required
     * @param seconds        median wall time of one call, in seconds; NaN unless ok
     * @param secondsMin     fastest call, in seconds; NaN when unknown
     * @param repeats        timed calls after warm-up, 0 when unknown
     * @param reportedDevice the device name as the row gave it; null or blank for the hardware's id
     * @param threads        intra-op threads on a CPU; 0 on a GPU
     * @param framework      framework and version; null becomes empty
     * @param runId          the collection run; null becomes empty
     * @param source         provenance; null becomes empty
     * @param extraColumns   columns beyond the schema, in file order; null for none
     */
    public KernelMeasurement {
        Checks.required("operator", operator);
        Checks.required("hardware", hardware);
        Checks.required("dtype", precision);
        Checks.required("status", status);
        if (status == MeasurementStatus.OK) {
            Checks.positive("seconds", seconds);
        } else if (!Double.isNaN(seconds)) {
            Checks.nonNegative("seconds", seconds);
        }
        Checks.nonNegativeOrUnknown("seconds_min", secondsMin);
        Checks.atLeast("repeats", repeats, 0);
        Checks.atLeast("threads", threads, 0);
        reportedDevice = reportedDevice == null || reportedDevice.isBlank() ? hardware.id() : reportedDevice;
        framework = framework == null ? "" : framework;
        runId = runId == null ? "" : runId;
        source = source == null ? "" : source;
        extraColumns = extraColumns == null || extraColumns.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extraColumns));
    }

    /**
     * An ok measurement with only what a model needs; the rest unknown or empty.
     *
     * @param operator  the operator that ran; required
     * @param hardware  the device; required
     * @param precision what the kernel computed in; required
     * @param seconds   median wall time of one call, in seconds, above 0
     * @return the measurement
     * @throws SpecValidationException when a part is missing or {@code seconds} is not above 0, naming the field
     */
    public static KernelMeasurement of(Operator operator, HardwareSpec hardware, Precision precision, double seconds) {
        return builder().operator(operator).hardware(hardware).precision(precision).seconds(seconds).build();
    }

    /**
     * Whether the call ran and was timed.
     *
     * @return true when {@code status} is {@link MeasurementStatus#OK}
     */
    public boolean isOk() {
        return status == MeasurementStatus.OK;
    }

    /**
     * A builder with nothing set: status ok, times unknown.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this measurement's parts, to make a changed copy.
     *
     * @return a new builder set to this measurement
     */
    public Builder toBuilder() {
        return new Builder().operator(operator).hardware(hardware).precision(precision).status(status)
                .seconds(seconds).secondsMin(secondsMin).repeats(repeats).reportedDevice(reportedDevice)
                .threads(threads).framework(framework).runId(runId).source(source).extraColumns(extraColumns);
    }

    /** Builds a {@link KernelMeasurement}; status defaults to ok, unknown numbers to NaN or 0. */
    public static final class Builder {
        private Operator operator;
        private HardwareSpec hardware;
        private Precision precision;
        private MeasurementStatus status = MeasurementStatus.OK;
        private double seconds = Double.NaN;
        private double secondsMin = Double.NaN;
        private int repeats;
        private String reportedDevice;
        private int threads;
        private String framework;
        private String runId;
        private String source;
        private Map<String, String> extraColumns;

        private Builder() {
        }

        /**
         * The operator that ran; required.
         *
         * @param operator the operator
         * @return this builder
         */
        public Builder operator(Operator operator) {
            this.operator = operator;
            return this;
        }

        /**
         * The device; required.
         *
         * @param hardware the device
         * @return this builder
         */
        public Builder hardware(HardwareSpec hardware) {
            this.hardware = hardware;
            return this;
        }

        /**
         * What the kernel computed in; required.
         *
         * @param precision the precision
         * @return this builder
         */
        public Builder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        /**
         * Ok, oom or error; ok unless set.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(MeasurementStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Median wall time of one call; NaN (unknown) unless set, and required for an ok row.
         *
         * @param seconds the time, in seconds
         * @return this builder
         */
        public Builder seconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        /**
         * Fastest call; NaN (unknown) unless set.
         *
         * @param secondsMin the time, in seconds, or NaN
         * @return this builder
         */
        public Builder secondsMin(double secondsMin) {
            this.secondsMin = secondsMin;
            return this;
        }

        /**
         * Timed calls after warm-up; 0 (unknown) unless set.
         *
         * @param repeats the count, 0 or more
         * @return this builder
         */
        public Builder repeats(int repeats) {
            this.repeats = repeats;
            return this;
        }

        /**
         * The device name as the row gave it; the hardware's catalogue id unless set.
         *
         * @param reportedDevice the name, or null
         * @return this builder
         */
        public Builder reportedDevice(String reportedDevice) {
            this.reportedDevice = reportedDevice;
            return this;
        }

        /**
         * Intra-op threads on a CPU; 0 on a GPU.
         *
         * @param threads the count, 0 or more
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Framework and version ({@code pytorch 2.1.0 cu121}).
         *
         * @param framework the framework, or null
         * @return this builder
         */
        public Builder framework(String framework) {
            this.framework = framework;
            return this;
        }

        /**
         * The collection run.
         *
         * @param runId the run id, or null
         * @return this builder
         */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * Provenance ({@code collector 0.2}).
         *
         * @param source the provenance, or null
         * @return this builder
         */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * Columns beyond the schema, in file order.
         *
         * @param extraColumns the columns by name, or null for none
         * @return this builder
         */
        public Builder extraColumns(Map<String, String> extraColumns) {
            this.extraColumns = extraColumns;
            return this;
        }

        /**
         * Builds the measurement, validated as the canonical constructor does.
         *
         * @return the measurement
         * @throws SpecValidationException when a part breaks its rule, naming the field
         */
        public KernelMeasurement build() {
            return new KernelMeasurement(operator, hardware, precision, status, seconds, secondsMin, repeats,
                    reportedDevice, threads, framework, runId, source, extraColumns);
        }
    }
}
