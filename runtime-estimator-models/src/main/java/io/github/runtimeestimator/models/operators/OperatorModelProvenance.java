package io.github.runtimeestimator.models.operators;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a per-operator model was trained and on what: the trainer and its hyper-parameters, the seed, the kernel
 * data sources with their files, and the ok rows per device and family.
 *
 * @param trainer         the efficiency learner ({@code xgboost})
 * @param hyperParameters its hyper-parameters, every one resolved, as text
 * @param seed            the seed of the learner and of any row sampling
 * @param rows            ok kernel rows read, all sources together
 * @param sources         where the rows came from
 * @param rowsByDevice    ok rows per device ({@code hardware-id/precision}) and family id, both sorted
 */
@JsonPropertyOrder({"trainer", "hyperParameters", "seed", "rows", "sources", "rowsByDevice"})
public record OperatorModelProvenance(@JsonProperty("trainer") String trainer,
                                      @JsonProperty("hyperParameters") Map<String, String> hyperParameters,
                                      @JsonProperty("seed") long seed,
                                      @JsonProperty("rows") long rows,
                                      @JsonProperty("sources") List<KernelDataSource> sources,
                                      @JsonProperty("rowsByDevice") Map<String, Map<String, Long>> rowsByDevice) {

    /**
     * Copies the maps (sorted by key) and the sources; none of them may be null.
     *
     * @param trainer         the efficiency learner ({@code xgboost})
     * @param hyperParameters its hyper-parameters, every one resolved, as text
     * @param seed            the seed of the learner and of any row sampling
     * @param rows            ok kernel rows read, all sources together
     * @param sources         where the rows came from
     * @param rowsByDevice    ok rows per device ({@code hardware-id/precision}) and family id, both sorted
     */
    public OperatorModelProvenance {
        hyperParameters = Collections.unmodifiableSortedMap(new TreeMap<>(hyperParameters));
        sources = List.copyOf(sources);
        Map<String, Map<String, Long>> byDevice = new TreeMap<>();
        rowsByDevice.forEach((device, families) -> byDevice.put(device,
                Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(families)))));
        rowsByDevice = Collections.unmodifiableMap(new LinkedHashMap<>(byDevice));
    }
}
