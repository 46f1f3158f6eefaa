package io.github.runtimeestimator.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.models.ArtifactFormatException;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.models.internal.ArtifactLimits;
import io.github.runtimeestimator.models.internal.ArtifactReader;
import io.github.runtimeestimator.models.internal.CompiledRegressor;
import io.github.runtimeestimator.models.internal.Sha256;
import io.github.runtimeestimator.models.internal.StepRoofline;
import io.github.runtimeestimator.training.internal.TribuoStepModel;
import io.github.runtimeestimator.training.internal.V1Manifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.tribuo.Model;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;

/**
 * Converts a format-1 {@code .rte} artifact (a Tribuo model in protobuf form beside the manifest) into format 2
 * (the compiled regressor itself), which runtime-estimator-models reads without Tribuo. The conversion
 * deserializes the Tribuo model and compiles it exactly as training does; the converted estimator predicts what
 * the format-1 one predicted, bit for bit. A model that cannot be compiled is refused: there is no fallback to
 * predicting through Tribuo.
 *
 * <p><b>Convert only artifacts you trust.</b> Reading format 1 runs Tribuo's deserialization and, for XGBoost,
 * xgboost4j's native model parser, which a crafted file can crash; that is why format 2 exists and why
 * {@code RuntimeEstimator.load} no longer reads format 1.
 */
public final class ArtifactConverter {
    /** The manifest entry of a format-1 artifact. */
    public static final String MANIFEST_ENTRY = "manifest.json";
    /** The model entry of a format-1 artifact. */
    public static final String MODEL_ENTRY = "model.tribuo.pb";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ArtifactConverter() {
    }

    /**
     * Reads the format-1 artifact {@code v1} and writes it to {@code out} in the current format.
     *
     * @param v1  the format-1 artifact to read
     * @param out where the converted artifact is written
     * @return the converted estimator, as written to {@code out}
     * @throws IOException when {@code v1} cannot be read or {@code out} cannot be written
     * @throws ArtifactFormatException when {@code v1} is not a usable format-1 artifact or its model cannot be
     *                                 compiled
     */
    public static TrainedEstimator convert(Path v1, Path out) throws IOException {
        Objects.requireNonNull(out, "out");
        TrainedEstimator estimator = readVersion1(v1);
        estimator.save(out);
        return estimator;
    }

    /**
     * A format-1 artifact as an estimator, its feature set resolved among the library's feature sets.
     *
     * @param file the format-1 artifact
     * @return the estimator, its model compiled as training compiles it
     * @throws IOException when the file cannot be read
     * @throws ArtifactFormatException when the file is not a usable format-1 artifact or its model cannot be
     *                                 compiled
     */
    public static TrainedEstimator readVersion1(Path file) throws IOException {
        return readVersion1(file, EstimatorArtifact::featureSet);
    }

    /**
     * A format-1 artifact as an estimator, its feature set resolved with {@code featureSets}.
     *
     * @param file        the format-1 artifact
     * @param featureSets the feature set for a manifest's feature set id and version; a
     *                    {@link SpecValidationException} from it means the id or version is unknown
     * @return the estimator, its model compiled as training compiles it
     * @throws IOException when the file cannot be read
     * @throws ArtifactFormatException when the file is not a usable format-1 artifact (an entry missing or
     *                                 unexpected, the manifest invalid, another feature set version or roofline
     *                                 version) or its model cannot be compiled
     */
    public static TrainedEstimator readVersion1(Path file, BiFunction<String, Integer, FeatureExtractor> featureSets)
            throws IOException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        byte[] bytes = ArtifactReader.readBounded(file);
        Map<String, byte[]> entries = unzip(bytes, source);
        byte[] manifestBytes = require(entries, MANIFEST_ENTRY, source);
        V1Manifest manifest = parseManifest(manifestBytes, source);
        FeatureExtractor fx = featureSet(manifest, source, featureSets);
        if (manifest.target() == Target.LOG_RATIO_TO_ROOFLINE
                && !StepRoofline.computes(manifest.rooflineVersion())) {
            throw new ArtifactFormatException(source, MANIFEST_ENTRY, "rooflineVersion", "trained against roofline v"
                    + manifest.rooflineVersion() + ", this library computes roofline v" + StepRoofline.version()
                    + " (and v2 for earlier artifacts); retrain it");
        }
        Model<Regressor> model = readModel(entries, manifest, source);
        try {
            TribuoStepModel tribuo = new TribuoStepModel(model, required(manifest.standardization(),
                    "standardization", source), manifest.target(), fx.names(),
                    RegressionTrainers.predictsOneByOne(manifest.trainer()));
            CompiledRegressor regressor = tribuo.compile(TrainedEstimator.STEP_REGRESSOR, fx.id());
            return TrainedEstimator.builder()
                    .config(new TrainerConfig(manifest.trainer(), manifest.hyperParameters(), fx.id(),
                            manifest.target(), manifest.seed()))
                    .resolvedHyperParameters(manifest.resolvedHyperParameters())
                    .features(fx)
                    .stepRegressor(regressor)
                    .epochOverhead(required(manifest.epochOverhead(), "epochOverhead", source))
                    .intervals(required(manifest.intervals(), "intervals", source))
                    .trainingData(required(manifest.trainingData(), "trainingData", source))
                    .heldOut(required(manifest.heldOut(), "heldOut", source))
                    .rooflineVersion(manifest.rooflineVersion())
                    .build();
        } catch (ArtifactFormatException e) {
            throw e; // a required manifest field, already named
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ArtifactFormatException(source, MODEL_ENTRY, null, "cannot be converted: " + e.getMessage()
                    + " (retrain it)", e);
        }
    }

    private static <T> T required(T value, String field, String source) throws ArtifactFormatException {
        if (value == null) {
            throw new ArtifactFormatException(source, MANIFEST_ENTRY, field, "is missing");
        }
        return value;
    }

    private static Map<String, byte[]> unzip(byte[] bytes, String source) throws ArtifactFormatException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                // a format-2 artifact's regressors are let through so that its manifest says what it is
                if (!MANIFEST_ENTRY.equals(e.getName()) && !MODEL_ENTRY.equals(e.getName())
                        && !e.getName().startsWith("regressors/")) {
                    throw new ArtifactFormatException(source, e.getName(), null, "is not an entry of format 1");
                }
                if (entries.containsKey(e.getName()) || entries.size() >= ArtifactLimits.MAX_ENTRIES) {
                    throw new ArtifactFormatException(source, e.getName(), null, "appears twice, or one entry too"
                            + " many");
                }
                entries.put(e.getName(), readBounded(zip, e.getName(), source));
            }
        } catch (ArtifactFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ArtifactFormatException(source + ": corrupt .rte artifact (" + e + ")", e);
        }
        return entries;
    }

    private static byte[] readBounded(InputStream in, String entry, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > ArtifactLimits.MAX_ENTRY_BYTES) {
                throw new ArtifactFormatException(source, entry, null, "inflates to more than "
                        + ArtifactLimits.MAX_ENTRY_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] require(Map<String, byte[]> entries, String name, String source)
            throws ArtifactFormatException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new ArtifactFormatException(source, name, null, "missing (entries: " + entries.keySet() + ")");
        }
        return b;
    }

    private static V1Manifest parseManifest(byte[] bytes, String source) throws ArtifactFormatException {
        try {
            int version = JSON.readTree(bytes).path("formatVersion").asInt(-1);
            if (version != 1) {
                throw new ArtifactFormatException(source, MANIFEST_ENTRY, "formatVersion", version + " is not 1;"
                        + " only format-1 artifacts need converting");
            }
            return JSON.readValue(bytes, V1Manifest.class);
        } catch (ArtifactFormatException e) {
            throw e; // the format version, already named
        } catch (JsonProcessingException e) {
            throw new ArtifactFormatException(source, MANIFEST_ENTRY, null, "is invalid: " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ArtifactFormatException(source, MANIFEST_ENTRY, null, "is invalid: " + e.getMessage(), e);
        }
    }

    private static FeatureExtractor featureSet(V1Manifest manifest, String source,
                                               BiFunction<String, Integer, FeatureExtractor> featureSets)
            throws ArtifactFormatException {
        V1Manifest.FeatureSetRef ref = required(manifest.featureSet(), "featureSet", source);
        FeatureExtractor fx;
        try {
            fx = featureSets.apply(ref.id(), ref.version());
        } catch (SpecValidationException e) {
            if ("featureSet.version".equals(e.field())) {
                throw new ArtifactFormatException(source, MANIFEST_ENTRY, "featureSet.version",
                        "trained on feature set " + ref.id() + " v" + ref.version() + ", which this library does not"
                        + " compute (" + e.getMessage() + "); retrain it with this version", e);
            }
            throw new ArtifactFormatException(source, MANIFEST_ENTRY, "featureSet.id", "trained on feature set "
                    + ref.id() + ", which this library does not have (" + e.getMessage() + ")", e);
        }
        if (fx.version() != ref.version()) {
            throw new ArtifactFormatException(source, MANIFEST_ENTRY, "featureSet.version", "trained on feature set "
                    + ref.id() + " v" + ref.version() + ", this library has " + fx.id() + " v" + fx.version()
                    + "; retrain it with this version");
        }
        if (ref.names() != null && !ref.names().equals(fx.names())) {
            throw new ArtifactFormatException(source, MANIFEST_ENTRY, "featureSet.names", "feature set " + ref.id()
                    + " v" + ref.version() + " lists other features than this library's: " + ref.names() + " vs "
                    + fx.names());
        }
        return fx;
    }

    @SuppressWarnings("unchecked")
    private static Model<Regressor> readModel(Map<String, byte[]> entries, V1Manifest manifest, String source)
            throws ArtifactFormatException {
        V1Manifest.ModelRef ref = required(manifest.model(), "model", source);
        byte[] bytes = require(entries, MODEL_ENTRY, source);
        if (ref.sha256() == null || !ref.sha256().equals(Sha256.hex(bytes))) {
            throw new ArtifactFormatException(source, MODEL_ENTRY, "sha256", "is corrupt: its SHA-256 is missing"
                    + " from the manifest or differs from it");
        }
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (IOException e) {
            throw new ArtifactFormatException(source, MODEL_ENTRY, null, "is not a Tribuo model: " + e.getMessage(), e);
        }
        if (!proto.getClassName().startsWith("org.tribuo.")) {
            throw new ArtifactFormatException(source, MODEL_ENTRY, "className", proto.getClassName()
                    + " is not a Tribuo model; refusing to load it");
        }
        Model<?> model;
        try {
            model = Model.deserialize(proto);
        } catch (RuntimeException e) {
            throw new ArtifactFormatException(source, MODEL_ENTRY, null, "cannot be read as a Tribuo model: "
                    + e.getMessage(), e);
        }
        if (!model.validate(Regressor.class)) {
            throw new ArtifactFormatException(source, MODEL_ENTRY, null, "is not a regression model");
        }
        return (Model<Regressor>) model;
    }
}
