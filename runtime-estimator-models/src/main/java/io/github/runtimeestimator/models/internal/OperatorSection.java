package io.github.runtimeestimator.models.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.runtimeestimator.models.operators.OperatorModelProvenance;
import java.util.List;
import java.util.Map;

/**
 * The optional {@code operatorModel} object of {@code manifest.json}: a per-operator model stored beside the
 * estimator's regressors ({@code docs/artifact-format.md}). Absent from artifacts without one, which load as
 * before. Each family's compiled trees are the entry {@code operators/<family>.bin}, laid out as a regressor
 * entry (the manifest's SHA-256, then the payload arrays of an {@code xgboost_trees} evaluator).
 *
 * @param featureVersion the version of the per-operator feature extraction the trees read
 *                       ({@code OperatorFeatures.VERSION})
 * @param provenance     what it was trained on and how
 * @param families       one per trained family, in entry order
 */
@JsonPropertyOrder({"featureVersion", "provenance", "families"})
public record OperatorSection(@JsonProperty("featureVersion") int featureVersion,
                              @JsonProperty("provenance") OperatorModelProvenance provenance,
                              @JsonProperty("families") List<FamilyRef> families) {

    /** The manifest's key of this section. */
    public static final String FIELD = "operatorModel";

    public OperatorSection {
        families = List.copyOf(families);
    }

    /**
     * One family's model.
     *
     * @param family       the family id ({@code matmul})
     * @param entry        its zip entry, {@code operators/<family>.bin}
     * @param bytes        the entry's length
     * @param sha256       SHA-256 of the entry's payload (every byte after its first 32)
     * @param inputs       the features the trees read, in the evaluator's order
     * @param evaluator    the evaluator kind ({@code xgboost_trees})
     * @param floorSeconds the launch floor per device class key ({@code gpu/nvidia/fp32}), seconds
     * @param trainedOn    the training devices, {@code hardware-id/precision}
     * @param trainingRows rows the trees were fitted on
     */
    @JsonPropertyOrder({"family", "entry", "bytes", "sha256", "inputs", "evaluator", "floorSeconds", "trainedOn",
            "trainingRows"})
    public record FamilyRef(@JsonProperty("family") String family,
                            @JsonProperty("entry") String entry,
                            @JsonProperty("bytes") long bytes,
                            @JsonProperty("sha256") String sha256,
                            @JsonProperty("inputs") List<String> inputs,
                            @JsonProperty("evaluator") String evaluator,
                            @JsonProperty("floorSeconds") Map<String, Double> floorSeconds,
                            @JsonProperty("trainedOn") List<String> trainedOn,
                            @JsonProperty("trainingRows") long trainingRows) {
    }

    /** The zip entry of family {@code id}. */
    public static String entryOf(String familyId) {
        return "operators/" + familyId + ".bin";
    }
}
