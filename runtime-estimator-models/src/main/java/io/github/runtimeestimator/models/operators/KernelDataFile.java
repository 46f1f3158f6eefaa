package io.github.runtimeestimator.models.operators;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One kernel file a per-operator model was trained on: its name as given when training, the SHA-256 of its bytes
 * as read (gzipped or not), so that the exact file can be recognised again, and its ok rows.
 *
 * @param path   the file as named when training ({@code datasets/epyc2-kernels-cpu.csv},
 *               {@code neusight-kernels/matmul.csv.gz})
 * @param sha256 SHA-256 of the file's bytes, lower-case hex; empty when not known
 * @param rows   ok rows read from it
 */
@JsonPropertyOrder({"path", "sha256", "rows"})
public record KernelDataFile(@JsonProperty("path") String path,
                             @JsonProperty("sha256") String sha256,
                             @JsonProperty("rows") long rows) {

    /**
     * Null path and hash become empty; fails with an IllegalArgumentException when {@code rows < 0}.
     *
     * @param path   the file as named when training ({@code datasets/epyc2-kernels-cpu.csv},
     *               {@code neusight-kernels/matmul.csv.gz})
     * @param sha256 SHA-256 of the file's bytes, lower-case hex; empty when not known
     * @param rows   ok rows read from it
     */
    public KernelDataFile {
        path = path == null ? "" : path;
        sha256 = sha256 == null ? "" : sha256;
        if (rows < 0) {
            throw new IllegalArgumentException("rows: " + rows + " must be >= 0");
        }
    }
}
