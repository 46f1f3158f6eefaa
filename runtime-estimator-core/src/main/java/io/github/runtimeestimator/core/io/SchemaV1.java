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
     * Optional model-descriptor columns ({@code ModelSpec}'s {@code leafLayers}, {@code activationElementsPerSample},
     * {@code matmulFlopsPerSample}, as the collector's {@code describe} counts them): read and validated when a file
     * has them, written after {@link #COLUMNS} only when some row has a value. A file without them reads as before.
     */
    public static final List<String> DESCRIPTOR_COLUMNS = List.of(
            "leaf_layers", "activation_elements_per_sample", "matmul_flops_per_sample");

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
            "steps", "repeats", "leaf_layers");

    /** Columns holding decimal numbers. */
    public static final Set<String> DECIMAL_COLUMNS = Set.of(
            "gpu_mem_gib", "flops_per_sample", "learning_rate", "time_s", "time_p10_s", "time_p90_s",
            "peak_mem_mib", "cpu_mhz", "activation_elements_per_sample", "matmul_flops_per_sample");

    /**
     * True for the columns of schema v1, descriptor columns included; anything else is an extra column.
     *
     * @param column a column name, matched exactly
     * @return whether it is in {@link #COLUMNS} or {@link #DESCRIPTOR_COLUMNS}
     */
    public static boolean isSchemaColumn(String column) {
        return COLUMNS.contains(column) || DESCRIPTOR_COLUMNS.contains(column);
    }

    /**
     * True for columns whose cells are numbers (integer or decimal).
     *
     * @param column a column name, matched exactly
     * @return whether it is in {@link #INTEGER_COLUMNS} or {@link #DECIMAL_COLUMNS}
     */
    public static boolean isNumeric(String column) {
        return INTEGER_COLUMNS.contains(column) || DECIMAL_COLUMNS.contains(column);
    }
}
