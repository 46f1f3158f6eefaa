package io.github.runtimeestimator.core.io;

import java.util.List;
import java.util.Set;

/**
 * The columns of measurement schema v1 (see {@code datasets/README.md}), in the order files are written.
 * CSV headers and JSON-lines keys use these names; anything else is an extra column, kept verbatim.
 */
public final class SchemaV1 {
    private SchemaV1() {
    }

    /** Every schema-v1 column, in the order of the reference files' header. */
    public static final List<String> COLUMNS = List.of(
            "run_id", "host", "device_kind", "device_name", "device_count", "cpu_model", "cpu_cores", "threads",
            "gpu_sms", "gpu_mem_gib", "framework", "framework_version", "model", "family", "params",
            "flops_per_sample", "input_shape", "phase", "precision", "batch_size", "optimizer", "learning_rate",
            "dataset_size", "epochs", "steps", "time_s", "time_p10_s", "time_p90_s", "repeats", "peak_mem_mib",
            "status", "cpu_mhz", "cpu_isa");

    /**
     * Columns a file must have (a reader fails at once, naming the missing ones). The others may be absent;
     * they then read as empty cells.
     */
    public static final List<String> REQUIRED_COLUMNS = List.of(
            "device_kind", "device_name", "model", "params", "flops_per_sample", "phase", "precision",
            "batch_size", "time_s", "status");

    /** Columns holding whole numbers: written without a decimal point. */
    public static final Set<String> INTEGER_COLUMNS = Set.of(
            "device_count", "cpu_cores", "threads", "gpu_sms", "params", "batch_size", "dataset_size", "epochs",
            "steps", "repeats");

    /** Columns holding decimal numbers. */
    public static final Set<String> DECIMAL_COLUMNS = Set.of(
            "gpu_mem_gib", "flops_per_sample", "learning_rate", "time_s", "time_p10_s", "time_p90_s",
            "peak_mem_mib", "cpu_mhz");

    /** True for columns whose cells are numbers (integer or decimal). */
    public static boolean isNumeric(String column) {
        return INTEGER_COLUMNS.contains(column) || DECIMAL_COLUMNS.contains(column);
    }
}
