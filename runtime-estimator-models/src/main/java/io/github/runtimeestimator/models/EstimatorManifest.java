package io.github.runtimeestimator.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a {@code .rte} artifact: everything needed to rebuild the estimator around its
 * Tribuo model, and what it was trained on and how well it did.
 */
record EstimatorManifest(
        @JsonProperty("formatVersion") int formatVersion,
        @JsonProperty("libraryVersion") String libraryVersion,
        @JsonProperty("trainer") String trainer,
        @JsonProperty("hyperParameters") Map<String, String> hyperParameters,
        @JsonProperty("resolvedHyperParameters") Map<String, String> resolvedHyperParameters,
        @JsonProperty("target") Target target,
        @JsonProperty("seed") long seed,
        @JsonProperty("featureSet") FeatureSetRef featureSet,
        @JsonProperty("rooflineVersion") int rooflineVersion,
        @JsonProperty("standardization") Standardization standardization,
        @JsonProperty("epochOverhead") EpochOverhead epochOverhead,
        @JsonProperty("intervals") PredictionIntervals intervals,
        @JsonProperty("trainingData") TrainingSummary trainingData,
        @JsonProperty("heldOut") HeldOutMetrics heldOut,
        @JsonProperty("model") ModelRef model) {

    /** The feature set the model reads: id, version and names in order. */
    record FeatureSetRef(@JsonProperty("id") String id, @JsonProperty("version") int version,
                         @JsonProperty("names") List<String> names) {
    }

    /** The zip entry holding the Tribuo {@code ModelProto}, its Tribuo class, and the SHA-256 of its bytes. */
    record ModelRef(@JsonProperty("entry") String entry, @JsonProperty("className") String className,
                    @JsonProperty("tribuoVersion") String tribuoVersion, @JsonProperty("sha256") String sha256) {
    }
}
