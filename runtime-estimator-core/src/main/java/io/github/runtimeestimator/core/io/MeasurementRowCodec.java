package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RunInfo;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.catalog.UnknownHardwareException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one schema-v1 row (cells by column name, whatever the file format) into a {@link Measurement} and
 * back. Shared by the CSV and JSON-lines readers and writers, so both accept and produce the same values.
 */
final class MeasurementRowCodec {
    /** Fields named by the core types' validation, as the schema-v1 column they come from. */
    private static final Map<String, String> FIELD_TO_COLUMN = Map.ofEntries(
            Map.entry("model.name", "model"),
            Map.entry("model.family", "family"),
            Map.entry("model.parameters", "params"),
            Map.entry("model.flopsPerSample", "flops_per_sample"),
            Map.entry("model.inputShape", "input_shape"),
            Map.entry("model.leafLayers", "leaf_layers"),
            Map.entry("model.activationElementsPerSample", "activation_elements_per_sample"),
            Map.entry("model.matmulFlopsPerSample", "matmul_flops_per_sample"),
            Map.entry("job.phase", "phase"),
            Map.entry("job.batchSize", "batch_size"),
            Map.entry("job.optimizer", "optimizer"),
            Map.entry("job.learningRate", "learning_rate"),
            Map.entry("job.datasetSize", "dataset_size"),
            Map.entry("job.epochs", "epochs"),
            Map.entry("hardware.deviceCount", "device_count"),
            Map.entry("hardware.threadsUsed", "threads"));

    private final HardwareCatalog catalog;
    /** Fills a row that gives neither parameters nor FLOPs from its model's entry; null: such a row is refused. */
    private final ModelCatalog models;

    MeasurementRowCodec(HardwareCatalog catalog) {
        this(catalog, null);
    }

    MeasurementRowCodec(HardwareCatalog catalog, ModelCatalog models) {
        this.catalog = catalog;
        this.models = models;
    }

    /** Cells of one row: schema columns (absent ones read as empty) and extra columns in file order. */
    static final class Row {
        private final Map<String, String> schemaCells = new LinkedHashMap<>();
        private final Map<String, String> extraCells = new LinkedHashMap<>();

        void put(String column, String value) {
            if (SchemaV1.isSchemaColumn(column)) {
                schemaCells.put(column, value == null ? "" : value);
            } else {
                extraCells.put(column, value == null ? "" : value);
            }
        }

        boolean has(String column) {
            return schemaCells.containsKey(column) || extraCells.containsKey(column);
        }

        String get(String column) {
            return schemaCells.getOrDefault(column, "");
        }

        Map<String, String> extras() {
            return extraCells;
        }
    }

    Measurement decode(Row row) throws RowFault {
        RunInfo run = runInfo(row);
        String phaseCell = row.get("phase");
        Phase phase = parseEnum("phase", phaseCell, () -> Phase.fromId("phase", phaseCell));
        Precision precision = parseEnum("precision", row.get("precision"),
                () -> Precision.fromId("precision", row.get("precision")));
        MeasurementStatus status = parseEnum("status", row.get("status"),
                () -> MeasurementStatus.fromId("status", row.get("status")));
        Optimizer optimizer = parseEnum("optimizer", row.get("optimizer"),
                () -> Optimizer.fromId("optimizer", row.get("optimizer")));

        Long leafLayers = row.get("leaf_layers").isBlank() ? null : longCell(row, "leaf_layers", 0L, true);
        Double activations = row.get("activation_elements_per_sample").isBlank() ? null
                : decimalCell(row, "activation_elements_per_sample", Double.NaN, true);
        Double matmulFlops = row.get("matmul_flops_per_sample").isBlank() ? null
                : decimalCell(row, "matmul_flops_per_sample", Double.NaN, true);
        ModelSpec model = fromCatalogue(row);
        if (model == null) {
            model = build(row, () -> new ModelSpec(
                requiredText(row, "model"),
                row.get("family"),
                longCell(row, "params", 0L, true),
                decimalCell(row, "flops_per_sample", Double.NaN, true),
                row.get("input_shape"), leafLayers, activations, matmulFlops));
        }
        ModelSpec rowModel = model;
        JobSpec job = build(row, () -> new JobSpec(
                phase,
                intCell(row, "batch_size", 0, true),
                optimizer,
                decimalCell(row, "learning_rate", 0, false),
                longCell(row, "dataset_size", 0L, false),
                intCell(row, "epochs", 0, false)));

        double seconds = decimalCell(row, "time_s", Double.NaN, false);
        if (status == MeasurementStatus.OK && Double.isNaN(seconds) && row.get("time_s").isBlank()) {
            throw new RowFault("time_s", row.get("time_s"), "is required when status is ok");
        }
        double p10 = decimalCell(row, "time_p10_s", Double.NaN, false);
        double p90 = decimalCell(row, "time_p90_s", Double.NaN, false);
        int repeats = intCell(row, "repeats", 0, false);
        long steps = row.get("steps").isBlank() ? job.steps() : longCell(row, "steps", 1L, false);
        double peakMib = decimalCell(row, "peak_mem_mib", Double.NaN, false);

        HardwareSpec hardware = hardware(row, run);
        WorkloadSpec workload = new WorkloadSpec(rowModel, job, precision, hardware);
        return build(row, () -> new Measurement(workload, status, seconds, p10, p90, repeats, steps, peakMib, run,
                row.extras()));
    }

    /**
     * The model catalogue's entry for a row that names its model but gives neither {@code params} nor
     * {@code flops_per_sample} (at the row's {@code input_shape} when it gives one): its parameters, FLOPs,
     * descriptors and graph. Null when the row gives either figure, or when this codec has no catalogue.
     */
    private ModelSpec fromCatalogue(Row row) throws RowFault {
        if (models == null || !row.get("params").isBlank() || !row.get("flops_per_sample").isBlank()) {
            return null;
        }
        String name = requiredText(row, "model");
        String shape = row.get("input_shape");
        Optional<ModelSpec> entry = shape.isBlank() ? models.find(name) : models.find(name, shape);
        if (entry.isEmpty()) {
            throw new RowFault("params", "", "is required: model " + name
                    + (shape.isBlank() ? "" : " at input shape " + shape) + " is not in the model catalogue"
                    + " to take its parameters and FLOPs from");
        }
        return entry.get();
    }

    private RunInfo runInfo(Row row) throws RowFault {
        int cpuCores = intCell(row, "cpu_cores", 0, false);
        atLeast(row, "cpu_cores", cpuCores, 0);
        int threads = intCell(row, "threads", 0, false);
        if (!row.get("threads").isBlank()) {
            atLeast(row, "threads", threads, 1);
        }
        int gpuSms = intCell(row, "gpu_sms", 0, false);
        atLeast(row, "gpu_sms", gpuSms, 0);
        double gpuMemGib = decimalCell(row, "gpu_mem_gib", Double.NaN, false);
        double cpuMhz = decimalCell(row, "cpu_mhz", Double.NaN, false);
        return build(row, () -> new RunInfo(row.get("run_id"), row.get("host"), requiredText(row, "device_kind"),
                requiredText(row, "device_name"), row.get("cpu_model"), cpuCores, cpuMhz, row.get("cpu_isa"),
                threads, gpuSms, gpuMemGib, row.get("framework"), row.get("framework_version")));
    }

    private HardwareSpec hardware(Row row, RunInfo run) throws RowFault {
        String kind = run.deviceKind().trim().toLowerCase(Locale.ROOT);
        int deviceCount = intCell(row, "device_count", 1, false);
        atLeast(row, "device_count", deviceCount, 1);
        switch (kind) {
            case "cuda":
            case "rocm":
            case "gpu": {
                Optional<HardwareSpec> gpu = catalog.find(run.deviceName()).filter(h -> !h.isCpu());
                if (gpu.isEmpty()) {
                    throw unknownHardware(run.deviceName(), run.deviceName(), "");
                }
                return build(row, () -> gpu.get().withDeviceCount(deviceCount));
            }
            case "cpu": {
                String cpuModel = run.cpuModel().isBlank() ? run.deviceName() : run.cpuModel();
                Optional<HardwareSpec> cpu = catalog.findCpu(cpuModel, run.cpuCores());
                if (cpu.isEmpty()) {
                    throw unknownHardware(run.deviceName(), cpuModel,
                            " (looked up as CPU model \"" + cpuModel + "\" with " + run.cpuCores()
                                    + " logical cores)");
                }
                HardwareSpec spec = run.threads() > 0
                        ? build(row, () -> cpu.get().withThreadsUsed(run.threads())) : cpu.get();
                return build(row, () -> spec.withDeviceCount(deviceCount));
            }
            default:
                throw new RowFault("device_kind", run.deviceKind(), "must be one of [cuda, rocm, cpu]");
        }
    }

    private RowFault unknownHardware(String deviceName, String lookedUp, String how) {
        List<String> close = catalog.closeIds(lookedUp);
        return new RowFault("device_name", deviceName, UnknownHardwareException.rule(how, close));
    }

    /** Schema-v1 cells of a measurement, by column, extra columns after the schema ones. */
    static Map<String, String> encode(Measurement m) {
        WorkloadSpec w = m.workload();
        JobSpec job = w.job();
        ModelSpec model = w.model();
        RunInfo run = m.run();
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("run_id", run.runId());
        cells.put("host", run.host());
        cells.put("device_kind", run.deviceKind());
        cells.put("device_name", run.deviceName());
        cells.put("device_count", Integer.toString(w.requireHardware().deviceCount()));
        cells.put("cpu_model", run.cpuModel());
        cells.put("cpu_cores", zeroAsEmpty(run.cpuCores()));
        cells.put("threads", zeroAsEmpty(run.threads()));
        cells.put("gpu_sms", zeroAsEmpty(run.gpuSms()));
        cells.put("gpu_mem_gib", SchemaV1Numbers.format(run.gpuMemGib()));
        cells.put("framework", run.framework());
        cells.put("framework_version", run.frameworkVersion());
        cells.put("model", model.name());
        cells.put("family", model.family());
        cells.put("params", Long.toString(model.parameters()));
        cells.put("flops_per_sample", SchemaV1Numbers.format(model.flopsPerSample()));
        cells.put("input_shape", model.inputShape());
        cells.put("phase", job.phase().id());
        cells.put("precision", w.precision().id());
        cells.put("batch_size", Integer.toString(job.batchSize()));
        boolean noOptimizer = job.optimizer() == Optimizer.NONE;
        cells.put("optimizer", noOptimizer ? "" : job.optimizer().id());
        cells.put("learning_rate", noOptimizer && job.learningRate() == 0 ? ""
                : SchemaV1Numbers.format(job.learningRate()));
        cells.put("dataset_size", job.datasetSize() == 0 ? "" : Long.toString(job.datasetSize()));
        boolean epochRow = job.phase() == Phase.TRAIN_EPOCH || job.phase() == Phase.TRAIN_JOB
                || job.datasetSize() > 0;
        cells.put("epochs", epochRow ? Integer.toString(job.epochs()) : "");
        // a row without a timing (oom, error) leaves steps empty, as collectors write it, unless it is unusual
        boolean defaultSteps = !m.isOk() && m.steps() == job.steps();
        cells.put("steps", defaultSteps ? "" : Long.toString(m.steps()));
        cells.put("time_s", SchemaV1Numbers.format(m.seconds()));
        cells.put("time_p10_s", SchemaV1Numbers.format(m.p10Seconds()));
        cells.put("time_p90_s", SchemaV1Numbers.format(m.p90Seconds()));
        cells.put("repeats", zeroAsEmpty(m.repeats()));
        cells.put("peak_mem_mib", SchemaV1Numbers.format(m.peakMemoryMib()));
        cells.put("status", m.status().id());
        cells.put("cpu_mhz", SchemaV1Numbers.format(run.cpuMhz()));
        cells.put("cpu_isa", run.cpuIsa());
        if (model.leafLayers() != null) {
            cells.put("leaf_layers", Long.toString(model.leafLayers()));
        }
        if (model.activationElementsPerSample() != null) {
            cells.put("activation_elements_per_sample", SchemaV1Numbers.format(model.activationElementsPerSample()));
        }
        if (model.matmulFlopsPerSample() != null) {
            cells.put("matmul_flops_per_sample", SchemaV1Numbers.format(model.matmulFlopsPerSample()));
        }
        for (Map.Entry<String, String> e : m.extraColumns().entrySet()) {
            cells.putIfAbsent(e.getKey(), e.getValue());
        }
        return cells;
    }

    private static String zeroAsEmpty(long v) {
        return v == 0 ? "" : Long.toString(v);
    }

    // ---- cell helpers -------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Construction<T> {
        T get() throws RowFault;
    }

    /** Runs a core constructor, turning its validation failure into a fault on the column it came from. */
    private static <T> T build(Row row, Construction<T> construction) throws RowFault {
        try {
            return construction.get();
        } catch (SpecValidationException e) {
            String column = FIELD_TO_COLUMN.getOrDefault(e.field(), e.field());
            String value = SchemaV1.isSchemaColumn(column) ? row.get(column) : e.value();
            throw new RowFault(column, value, e.rule());
        }
    }

    private static <T> T parseEnum(String column, String cell, Construction<T> parse) throws RowFault {
        try {
            return parse.get();
        } catch (SpecValidationException e) {
            throw new RowFault(column, cell, e.rule());
        }
    }

    private static String requiredText(Row row, String column) throws RowFault {
        String v = row.get(column);
        if (v.isBlank()) {
            throw new RowFault(column, v, "is required and must not be blank");
        }
        return v;
    }

    private static double decimalCell(Row row, String column, double ifEmpty, boolean required) throws RowFault {
        String v = row.get(column);
        if (v.isBlank()) {
            if (required) {
                throw new RowFault(column, v, "is required");
            }
            return ifEmpty;
        }
        return SchemaV1Numbers.parseDouble(column, v);
    }

    private static long longCell(Row row, String column, long ifEmpty, boolean required) throws RowFault {
        String v = row.get(column);
        if (v.isBlank()) {
            if (required) {
                throw new RowFault(column, v, "is required");
            }
            return ifEmpty;
        }
        return SchemaV1Numbers.parseLong(column, v);
    }

    private static int intCell(Row row, String column, int ifEmpty, boolean required) throws RowFault {
        String v = row.get(column);
        if (v.isBlank()) {
            if (required) {
                throw new RowFault(column, v, "is required");
            }
            return ifEmpty;
        }
        return SchemaV1Numbers.parseInt(column, v);
    }

    private static void atLeast(Row row, String column, long value, long min) throws RowFault {
        if (value < min) {
            throw new RowFault(column, row.get(column), "must be >= " + min);
        }
    }
}
