package io.github.runtimeestimator.models.operators;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Where kernel measurements that trained a per-operator model came from: the provenance an artifact carries for
 * each source (the public files' README gives it for NeuSight's and Vidur's data; our own kernel files are named
 * with their SHA-256).
 *
 * @param name       what the data is ({@code NeuSight (ASPLOS'25) kernel latencies}, or our own kernel files)
 * @param repository where it was published ({@code github.com/sitar-lab/NeuSight}); empty when unknown
 * @param commit     the commit of that repository the data was taken from; empty when unknown
 * @param licence    the data's licence ({@code MIT}); empty when unknown
 * @param files      the files read, as named when training, with their SHA-256 and rows
 * @param rows       ok rows of these files that were read
 */
@JsonPropertyOrder({"name", "repository", "commit", "licence", "files", "rows"})
public record KernelDataSource(@JsonProperty("name") String name,
                               @JsonProperty("repository") String repository,
                               @JsonProperty("commit") String commit,
                               @JsonProperty("licence") String licence,
                               @JsonProperty("files") List<KernelDataFile> files,
                               @JsonProperty("rows") long rows) {

    /**
     * Null strings become empty; {@code files} must not be null; fails with an IllegalArgumentException when
     * {@code rows < 0}.
     *
     * @param name       what the data is ({@code NeuSight (ASPLOS'25) kernel latencies}, or our own kernel files)
     * @param repository where it was published ({@code github.com/sitar-lab/NeuSight}); empty when unknown
     * @param commit     the commit of that repository the data was taken from; empty when unknown
     * @param licence    the data's licence ({@code MIT}); empty when unknown
     * @param files      the files read, as named when training, with their SHA-256 and rows
     * @param rows       ok rows of these files that were read
     */
    public KernelDataSource {
        name = name == null ? "" : name;
        repository = repository == null ? "" : repository;
        commit = commit == null ? "" : commit;
        licence = licence == null ? "" : licence;
        files = List.copyOf(files);
        if (rows < 0) {
            throw new IllegalArgumentException("rows: " + rows + " must be >= 0");
        }
    }
}
