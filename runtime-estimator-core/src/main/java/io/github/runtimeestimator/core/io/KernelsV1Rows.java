package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.MeasurementStatus;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.GraphJson;
import io.github.runtimeestimator.core.graph.Operator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of our own schema, {@code kernels-v1} ({@code docs/formats/kernel-measurements.md}). */
final class KernelsV1Rows extends KernelRowDecoder {
    static final String SCHEMA_VERSION = "kernels-v1";
    /** Every column of the schema, in the order a writer puts them. */
    static final List<String> COLUMNS = List.of("schema_version", "device", "hardware_id", "threads", "framework",
            "dtype", "kind", "variant", "dims", "seconds", "seconds_min", "repeats", "status", "run_id", "source");
    static final List<String> REQUIRED = List.of("schema_version", "device", "framework", "dtype", "kind",
            "variant", "dims", "status", "run_id");

    KernelsV1Rows(HardwareCatalog catalog, String fileName) {
        super(catalog, fileName);
    }

    @Override
    List<String> requiredColumns() {
        return REQUIRED;
    }

    @Override
    KernelMeasurement decode(Map<String, String> row) throws RowFault {
        for (String column : REQUIRED) {
            required(row, column);
        }
        String version = row.get("schema_version").trim();
        if (!version.equals(SCHEMA_VERSION)) {
            throw new RowFault("schema_version", version, "must be " + SCHEMA_VERSION);
        }
        MeasurementStatus status = build("status", row.get("status"),
                () -> MeasurementStatus.fromId("status", row.get("status")));
        Precision precision = build("dtype", row.get("dtype"), () -> Precision.fromId("dtype", row.get("dtype")));
        HardwareSpec hardware = hardware(row);
        int threads = row.getOrDefault("threads", "").isBlank() ? 0 : (int) wholeNumber(row, "threads", 0);
        if (hardware.isCpu()) {
            if (threads < 1) {
                throw new RowFault("threads", row.getOrDefault("threads", ""), "is required (>= 1) on a CPU row");
            }
            HardwareSpec cpu = hardware;
            hardware = build("threads", String.valueOf(threads), () -> cpu.withThreadsUsed(threads));
        } else if (threads != 0) {
            throw new RowFault("threads", row.get("threads"), "must be 0 or empty on a GPU row");
        }
        Operator operator = operator(row);
        double seconds = Double.NaN;
        if (status == MeasurementStatus.OK) {
            seconds = positive(row, "seconds");
        } else if (!row.getOrDefault("seconds", "").isBlank()) {
            seconds = optionalNonNegative(row, "seconds");
        }
        double secondsMin = optionalNonNegative(row, "seconds_min");
        int repeats = row.getOrDefault("repeats", "").isBlank() ? 0 : (int) wholeNumber(row, "repeats", 0);
        Map<String, String> extras = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (!COLUMNS.contains(e.getKey())) {
                extras.put(e.getKey(), e.getValue());
            }
        }
        HardwareSpec device = hardware;
        double s = seconds;
        return build("", "", () -> KernelMeasurement.builder().operator(operator).hardware(device)
                .precision(precision).status(status).seconds(s).secondsMin(secondsMin).repeats(repeats)
                .reportedDevice(row.get("device").trim()).threads(threads).framework(row.get("framework").trim())
                .runId(row.get("run_id").trim()).source(row.getOrDefault("source", "").trim()).extraColumns(extras)
                .build());
    }

    /** {@code hardware_id} wins when it resolves; else the reported {@code device}. */
    private HardwareSpec hardware(Map<String, String> row) throws RowFault {
        String id = row.getOrDefault("hardware_id", "").trim();
        if (!id.isEmpty()) {
            Optional<HardwareSpec> byId = catalog.find(id);
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        return device("device", row.get("device"));
    }

    private static Operator operator(Map<String, String> row) throws RowFault {
        String kind = row.get("kind").trim();
        String variant = row.get("variant").trim();
        String dimsCell = row.get("dims");
        Map<String, String> dims = parseDims(dimsCell);
        try {
            return GraphJson.operatorFromDims(kind, variant, dims, "dims");
        } catch (SpecValidationException e) {
            String field = e.field() == null ? "" : e.field();
            if (field.equals("kind") || field.endsWith(".kind")) {
                throw new RowFault("kind", kind, e.rule());
            }
            if (field.equals("variant") || field.endsWith(".variant")) {
                throw new RowFault("variant", variant, e.rule());
            }
            String value = e.value() == null ? "" : " = " + e.value();
            throw new RowFault("dims", dimsCell, field + value + ": " + e.rule());
        }
    }

    /** {@code b=1;m=512;n=768} into an ordered map; a part without {@code =} or a repeated key is a fault. */
    static Map<String, String> parseDims(String cell) throws RowFault {
        Map<String, String> dims = new LinkedHashMap<>();
        for (String part : cell.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new RowFault("dims", cell, "part \"" + p + "\" is not key=value");
            }
            String key = p.substring(0, eq).trim();
            if (dims.put(key, p.substring(eq + 1).trim()) != null) {
                throw new RowFault("dims", cell, "names " + key + " twice");
            }
        }
        return dims;
    }

    /** The cells of one measurement as this schema writes them (extra columns after the schema's). */
    static Map<String, String> encode(KernelMeasurement m) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("schema_version", SCHEMA_VERSION);
        cells.put("device", m.reportedDevice());
        cells.put("hardware_id", m.hardware().id());
        cells.put("threads", String.valueOf(m.threads()));
        cells.put("framework", m.framework());
        cells.put("dtype", m.precision().id());
        cells.put("kind", m.operator().kind().id());
        cells.put("variant", m.operator().variantId());
        StringBuilder dims = new StringBuilder();
        for (Map.Entry<String, String> e : GraphJson.operatorDims(m.operator()).entrySet()) {
            if (dims.length() > 0) {
                dims.append(';');
            }
            dims.append(e.getKey()).append('=').append(e.getValue());
        }
        cells.put("dims", dims.toString());
        cells.put("seconds", SchemaV1Numbers.format(m.seconds()));
        cells.put("seconds_min", SchemaV1Numbers.format(m.secondsMin()));
        cells.put("repeats", m.repeats() == 0 ? "" : String.valueOf(m.repeats()));
        cells.put("status", m.status().id());
        cells.put("run_id", m.runId());
        cells.put("source", m.source());
        cells.putAll(m.extraColumns());
        return cells;
    }
}
