package io.github.runtimeestimator.training.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.models.EpochOverhead;
import io.github.runtimeestimator.models.HeldOutMetrics;
import io.github.runtimeestimator.models.PredictionIntervals;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainingSummary;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a format-1 {@code .rte} artifact (runtime-estimator 0.1 snapshots before format 2):
 * everything needed to rebuild the estimator around the Tribuo model stored next to it. Read only to convert
 * such an artifact ({@link io.github.runtimeestimator.training.ArtifactConverter}).
 */
public record V1Manifest(
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
    public record FeatureSetRef(@JsonProperty("id") String id, @JsonProperty("version") int version,
                                @JsonProperty("names") List<String> names) {
    }

    /** The zip entry holding the Tribuo {@code ModelProto}, its Tribuo class, and the SHA-256 of its bytes. */
    public record ModelRef(@JsonProperty("entry") String entry, @JsonProperty("className") String className,
                           @JsonProperty("tribuoVersion") String tribuoVersion, @JsonProperty("sha256") String sha256) {
    }
}
