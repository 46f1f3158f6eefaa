package io.github.runtimeestimator.models.operators;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a per-operator model was trained and on what: the trainer and its hyper-parameters, the seed, and the
 * kernel data sources with their rows.
 *
 * @param trainer         the efficiency learner ({@code xgboost})
 * @param hyperParameters its hyper-parameters, every one resolved, as text
 * @param seed            the seed of the learner and of any row sampling
 * @param rows            ok kernel rows read, all sources together
 * @param sources         where the rows came from
 */
@JsonPropertyOrder({"trainer", "hyperParameters", "seed", "rows", "sources"})
public record OperatorModelProvenance(@JsonProperty("trainer") String trainer,
                                      @JsonProperty("hyperParameters") Map<String, String> hyperParameters,
                                      @JsonProperty("seed") long seed,
                                      @JsonProperty("rows") long rows,
                                      @JsonProperty("sources") List<KernelDataSource> sources) {

    public OperatorModelProvenance {
        hyperParameters = Collections.unmodifiableSortedMap(new TreeMap<>(hyperParameters));
        sources = List.copyOf(sources);
    }
}
