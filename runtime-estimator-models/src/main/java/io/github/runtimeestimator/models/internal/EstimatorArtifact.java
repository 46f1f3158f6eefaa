package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.internal.AtomicFiles;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.ArtifactFormatException;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.models.internal.ArtifactManifest.FeatureSetRef;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The {@code .rte} estimator artifact, format {@value #FORMAT_VERSION}: a zip of {@code manifest.json} (what made
 * the estimator, what it was trained on, how well it did, how epochs and bounds are composed, and a reference per
 * compiled regressor) and one {@code regressors/<name>.bin} per regressor holding its compiled evaluator as flat
 * little-endian arrays; optionally a per-operator model ({@link TrainedEstimator#operatorModel()}), one
 * {@code operators/<family>.bin} per family. Code-free data: reading it needs no Tribuo class, no native library and no Java
 * deserialization. The layout and every check are described in {@code docs/artifact-format.md}.
 *
 * <p>Reading refuses, with an {@link ArtifactFormatException} naming the file, the entry and the field: a file
 * that is too large or not a complete zip, entries the format does not define or in another order, an entry
 * inflating past its declared size or a cap, a checksum mismatch, an entry from another artifact, a manifest
 * field out of range or inconsistent with another, arrays that break an evaluator's rules, format version 1
 * (with how to convert it) or a newer one, a feature set whose id is unknown, whose version this library does not
 * compute or whose feature names differ from that version's, and a roofline version it does not compute. An artifact
 * of an earlier feature-set or roofline version the library keeps ({@code physics} v2, {@code opgraph} v1, roofline
 * v2) loads with that version, so it answers as it was trained to.
 */
public final class EstimatorArtifact {
    /** The format this version writes and the only one it reads. */
    public static final int FORMAT_VERSION = ArtifactReader.FORMAT_VERSION;
    /** The first entry of every artifact. */
    public static final String MANIFEST_ENTRY = "manifest.json";

    private EstimatorArtifact() {
    }

    /**
     * Writes {@code estimator} to {@code file}: to a temporary file of a unique name in the same folder, then
     * moved over {@code file} atomically (where the file system allows), so a reader never sees a partial file
     * and concurrent saves do not collide.
     */
    public static void write(TrainedEstimator estimator, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        AtomicFiles.write(file, toBytes(estimator));
    }

    /**
     * The artifact's bytes. They are read back before they are returned, so what is written always loads.
     *
     * @throws IllegalArgumentException when the estimator holds a value the format refuses (an interval or an
     *                                  overhead out of range, say)
     */
    public static byte[] toBytes(TrainedEstimator estimator) {
        Objects.requireNonNull(estimator, "estimator");
        FeatureExtractor fx = estimator.featureSet();
        TrainerConfig config = estimator.config();
        ArtifactManifest manifest = new ArtifactManifest(FORMAT_VERSION, LibraryVersion.get(), config.trainer(),
                config.hyperParameters(), estimator.resolvedHyperParameters(), config.seed(),
                List.of(new FeatureSetRef(fx.id(), fx.version(), fx.names())), estimator.rooflineVersion(),
                estimator.epochOverhead(), estimator.intervals(), estimator.trainingData(),
                estimator.heldOutMetrics(), estimator.describer().inference(), List.of());
        byte[] bytes = ArtifactWriter.toBytes(manifest, List.of(estimator.stepRegressor()),
                estimator.operatorModel().orElse(null));
        try {
            ArtifactReader.read(bytes, "the artifact being written");
        } catch (ArtifactFormatException e) {
            throw new IllegalArgumentException("estimator: cannot be written as an artifact: " + e.getMessage(), e);
        }
        return bytes;
    }

    /** Reads an artifact, resolving its feature set by id and version among the library's feature sets. */
    public static TrainedEstimator read(Path file) throws IOException {
        return read(file, EstimatorArtifact::featureSet);
    }

    /**
     * Reads an artifact, resolving its feature set with {@code featureSets} (id and version to extractor; a
     * {@link SpecValidationException} whose field is {@code featureSet.version} means only the version is unknown).
     */
    public static TrainedEstimator read(Path file, BiFunction<String, Integer, FeatureExtractor> featureSets)
            throws IOException {
        Objects.requireNonNull(file, "file");
        return read(ArtifactReader.readBounded(file), file.toString(), featureSets);
    }

    /** Reads an artifact from a stream (a classpath resource, say); {@code source} names it in messages. */
    public static TrainedEstimator read(InputStream in, String source) throws IOException {
        return read(ArtifactReader.readBounded(in, source), source, EstimatorArtifact::featureSet);
    }

    /** Reads an artifact's bytes; {@code source} names it in messages. */
    public static TrainedEstimator read(byte[] bytes, String source,
                                        BiFunction<String, Integer, FeatureExtractor> featureSets)
            throws ArtifactFormatException {
        return assemble(ArtifactReader.read(bytes, source), source, featureSets);
    }

    /**
     * The library's feature set {@code id} of {@code version}, as loading resolves it: the current version or an
     * earlier one the library keeps ({@link FeatureSets#byId(String, int)}).
     */
    public static FeatureExtractor featureSet(String id, int version) {
        return FeatureSets.byId(id, version);
    }

    /**
     * Feature set {@code opgraph} of {@code version} runs through the artifact's own per-operator model, which it
     * must hold.
     */
    private static FeatureExtractor operatorGraphFeatures(ArtifactContents contents, int version, String source,
                                                          String entry) throws ArtifactFormatException {
        return OperatorGraphFeatures.ofVersion(version, contents.operatorModel().orElseThrow(
                () -> new ArtifactFormatException(source, entry, "featureSets[0].id", "feature set "
                        + OperatorGraphFeatures.ID + " sums a per-operator model, and the artifact holds none")));
    }

    private static TrainedEstimator assemble(ArtifactContents contents, String source,
                                             BiFunction<String, Integer, FeatureExtractor> featureSets)
            throws ArtifactFormatException {
        ArtifactManifest m = contents.manifest();
        String entry = MANIFEST_ENTRY;
        if (m.regressors().size() != 1 || !TrainedEstimator.STEP_REGRESSOR.equals(m.regressors().get(0).name())) {
            throw new ArtifactFormatException(source, entry, "regressors", "holds "
                    + m.regressors().stream().map(ArtifactManifest.RegressorRef::name).toList() + "; this version of"
                    + " the library composes estimates from exactly one regressor, '" + TrainedEstimator.STEP_REGRESSOR
                    + "'");
        }
        CompiledRegressor step = contents.regressors().get(0);
        FeatureSetRef ref = m.featureSets().stream().filter(f -> f.id().equals(step.featureSet())).findFirst()
                .orElseThrow();
        if (m.featureSets().size() != 1) {
            throw new ArtifactFormatException(source, entry, "featureSets", "declares " + m.featureSets().size()
                    + " feature sets; the step regressor reads one");
        }
        FeatureExtractor fx;
        try {
            fx = OperatorGraphFeatures.ID.equals(ref.id())
                    ? operatorGraphFeatures(contents, ref.version(), source, entry)
                    : featureSets.apply(ref.id(), ref.version());
        } catch (SpecValidationException e) {
            if ("featureSet.version".equals(e.field())) {
                throw new ArtifactFormatException(source, entry, "featureSets[0].version", "trained on feature set "
                        + ref.id() + " v" + ref.version() + ", which this library does not compute (" + e.getMessage()
                        + "); load it with the library that wrote it (" + m.libraryVersion() + ") or retrain it with"
                        + " this one", e);
            }
            throw new ArtifactFormatException(source, entry, "featureSets[0].id", "trained on feature set "
                    + ref.id() + ", which this library does not have (" + e.getMessage() + ")", e);
        }
        if (fx.version() != ref.version()) {
            throw new ArtifactFormatException(source, entry, "featureSets[0].version", "trained on feature set "
                    + ref.id() + " v" + ref.version() + ", this library has " + fx.id() + " v" + fx.version()
                    + "; retrain it with this version");
        }
        if (!ref.names().equals(fx.names())) {
            throw new ArtifactFormatException(source, entry, "featureSets[0].names", "feature set " + ref.id() + " v"
                    + ref.version() + " lists other features than this library's: " + ref.names() + " vs "
                    + fx.names());
        }
        if (step.target() == Target.LOG_RATIO_TO_ROOFLINE && !StepRoofline.computes(m.rooflineVersion())) {
            throw new ArtifactFormatException(source, entry, "rooflineVersion", "trained against roofline v"
                    + m.rooflineVersion() + ", this library computes roofline v" + StepRoofline.version()
                    + " (and v2 for earlier artifacts); retrain it");
        }
        try {
            return TrainedEstimator.builder()
                    .config(new TrainerConfig(m.trainer(), m.hyperParameters(), fx.id(), step.target(), m.seed()))
                    .resolvedHyperParameters(m.resolvedHyperParameters())
                    .features(fx)
                    .stepRegressor(step)
                    .epochOverhead(m.epochOverhead())
                    .intervals(m.intervals())
                    .trainingData(m.trainingData())
                    .heldOut(m.heldOut())
                    .descriptorInference(m.descriptorInference())
                    .operatorModel(contents.operatorModel().orElse(null))
                    .rooflineVersion(m.rooflineVersion())
                    .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ArtifactFormatException(source, entry, null, "is inconsistent: " + e.getMessage(), e);
        }
    }
}
