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

    /** An ok measurement with only what a model needs; the rest unknown or empty. */
    public static KernelMeasurement of(Operator operator, HardwareSpec hardware, Precision precision, double seconds) {
        return builder().operator(operator).hardware(hardware).precision(precision).seconds(seconds).build();
    }

    public boolean isOk() {
        return status == MeasurementStatus.OK;
    }

    public static Builder builder() {
        return new Builder();
    }

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

        public Builder operator(Operator operator) {
            this.operator = operator;
            return this;
        }

        public Builder hardware(HardwareSpec hardware) {
            this.hardware = hardware;
            return this;
        }

        public Builder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        public Builder status(MeasurementStatus status) {
            this.status = status;
            return this;
        }

        public Builder seconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        public Builder secondsMin(double secondsMin) {
            this.secondsMin = secondsMin;
            return this;
        }

        public Builder repeats(int repeats) {
            this.repeats = repeats;
            return this;
        }

        public Builder reportedDevice(String reportedDevice) {
            this.reportedDevice = reportedDevice;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder framework(String framework) {
            this.framework = framework;
            return this;
        }

        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder extraColumns(Map<String, String> extraColumns) {
            this.extraColumns = extraColumns;
            return this;
        }

        public KernelMeasurement build() {
            return new KernelMeasurement(operator, hardware, precision, status, seconds, secondsMin, repeats,
                    reportedDevice, threads, framework, runId, source, extraColumns);
        }
    }
}
