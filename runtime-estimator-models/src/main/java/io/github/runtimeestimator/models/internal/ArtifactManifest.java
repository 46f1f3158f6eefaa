package io.github.runtimeestimator.models.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.runtimeestimator.models.DescriptorInference;
import io.github.runtimeestimator.models.EpochOverhead;
import io.github.runtimeestimator.models.HeldOutMetrics;
import io.github.runtimeestimator.models.PredictionIntervals;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainingSummary;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a format-2 {@code .rte} artifact: what made the estimator, what it was trained on,
 * how well it did, how epochs and bounds are composed, and one reference per compiled regressor (its entry, size
 * and SHA-256, its inputs and their standardization, its target and evaluator kind). The field-by-field
 * description and the rules each field is checked against are in {@code docs/artifact-format.md} and
 * {@link ManifestRules}.
 */
@JsonPropertyOrder({"formatVersion", "libraryVersion", "trainer", "hyperParameters", "resolvedHyperParameters",
        "seed", "featureSets", "rooflineVersion", "epochOverhead", "intervals", "trainingData", "heldOut",
        "descriptorInference", "regressors"})
public record ArtifactManifest(
        @JsonProperty("formatVersion") int formatVersion,
        @JsonProperty("libraryVersion") String libraryVersion,
        @JsonProperty("trainer") String trainer,
        @JsonProperty("hyperParameters") Map<String, String> hyperParameters,
        @JsonProperty("resolvedHyperParameters") Map<String, String> resolvedHyperParameters,
        @JsonProperty("seed") long seed,
        @JsonProperty("featureSets") List<FeatureSetRef> featureSets,
        @JsonProperty("rooflineVersion") int rooflineVersion,
        @JsonProperty("epochOverhead") EpochOverhead epochOverhead,
        @JsonProperty("intervals") PredictionIntervals intervals,
        @JsonProperty("trainingData") TrainingSummary trainingData,
        @JsonProperty("heldOut") HeldOutMetrics heldOut,
        @JsonProperty("descriptorInference") DescriptorInference descriptorInference,
        @JsonProperty("regressors") List<RegressorRef> regressors) {

    /** A feature set a regressor reads: id, version and every feature name in the set's order. */
    @JsonPropertyOrder({"id", "version", "names"})
    public record FeatureSetRef(@JsonProperty("id") String id, @JsonProperty("version") int version,
                                @JsonProperty("names") List<String> names) {
    }

    /**
     * One compiled regressor.
     *
     * @param name            its name ({@code step})
     * @param entry           its zip entry, {@code regressors/<name>.bin}
     * @param bytes           the entry's length in bytes
     * @param sha256          SHA-256 of the entry's payload (every byte after its first 32), lower-case hex
     * @param featureSet      the id of the feature set its inputs are taken from
     * @param inputs          the features it reads, in the evaluator's order
     * @param standardization the mean and scale of each input
     * @param target          what its output means
     * @param evaluator       the evaluator kind, which fixes the payload's arrays
     */
    @JsonPropertyOrder({"name", "entry", "bytes", "sha256", "featureSet", "inputs", "standardization", "target",
            "evaluator"})
    public record RegressorRef(@JsonProperty("name") String name,
                               @JsonProperty("entry") String entry,
                               @JsonProperty("bytes") long bytes,
                               @JsonProperty("sha256") String sha256,
                               @JsonProperty("featureSet") String featureSet,
                               @JsonProperty("inputs") List<String> inputs,
                               @JsonProperty("standardization") StandardizationRef standardization,
                               @JsonProperty("target") Target target,
                               @JsonProperty("evaluator") String evaluator) {
    }

    /** Per input: {@code (x - mean) / scale}. */
    @JsonPropertyOrder({"means", "scales"})
    public record StandardizationRef(@JsonProperty("means") double[] means, @JsonProperty("scales") double[] scales) {
    }

    /** This manifest with {@code newRegressors} in place of its regressors. */
    public ArtifactManifest withRegressors(List<RegressorRef> newRegressors) {
        return new ArtifactManifest(formatVersion, libraryVersion, trainer, hyperParameters, resolvedHyperParameters,
                seed, featureSets, rooflineVersion, epochOverhead, intervals, trainingData, heldOut,
                descriptorInference, newRegressors);
    }

    /** The zip entry of regressor {@code name}. */
    public static String entryOf(String name) {
        return "regressors/" + name + ".bin";
    }
}
