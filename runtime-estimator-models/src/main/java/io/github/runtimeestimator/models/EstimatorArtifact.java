package io.github.runtimeestimator.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.features.FeatureExtractor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.tribuo.Model;
import org.tribuo.Tribuo;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;

/**
 * The {@code .rte} estimator artifact: one zip holding {@code manifest.json} (format version, trainer and
 * hyper-parameters, feature set id, version and names, target, seed, standardization, epoch overhead,
 * intervals, training-data summary, held-out metrics) and {@value #MODEL_ENTRY}, the Tribuo model as a
 * protobuf {@code ModelProto}. Nothing is read with Java deserialization.
 *
 * <p>Reading refuses, with an {@link ArtifactFormatException} that names the file and the problem: a file that
 * is not a complete zip, a missing or corrupt entry, a newer {@link #FORMAT_VERSION}, and a feature set whose
 * id is unknown or whose version or feature names differ from the one the model was trained on.
 */
public final class EstimatorArtifact {
    /** The manifest format this version writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST_ENTRY = "manifest.json";
    public static final String MODEL_ENTRY = "model.tribuo.pb";

    private static final long MAX_ENTRY_BYTES = 512L * 1024 * 1024;
    private static final long ENTRY_TIME_MILLIS = 315_532_800_000L + 86_400_000L; // 1980-01-02: stable zip bytes
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EstimatorArtifact() {
    }

    /** Writes {@code estimator} to {@code file} (replacing it atomically where the file system allows). */
    public static void write(TrainedEstimator estimator, Path file) throws IOException {
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(file, "file");
        byte[] bytes = toBytes(estimator);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException atomicFailed) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The artifact's bytes. */
    public static byte[] toBytes(TrainedEstimator estimator) throws IOException {
        StepRegressor regressor = estimator.regressor();
        byte[] model = regressor.model().serialize().toByteArray();
        FeatureExtractor fx = estimator.featureSet();
        TrainerConfig config = estimator.config();
        EstimatorManifest manifest = new EstimatorManifest(FORMAT_VERSION, LibraryVersion.get(), config.trainer(),
                config.hyperParameters(), RegressionTrainers.resolve(config), config.target(), config.seed(),
                new EstimatorManifest.FeatureSetRef(fx.id(), fx.version(), fx.names()), StepRoofline.version(),
                regressor.standardization(), estimator.epochOverhead(), estimator.intervals(),
                estimator.trainingData(), estimator.heldOutMetrics(),
                new EstimatorManifest.ModelRef(MODEL_ENTRY, regressor.model().getClass().getName(), Tribuo.VERSION,
                        sha256(model)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            putEntry(zip, MANIFEST_ENTRY, JSON.writeValueAsBytes(manifest));
            putEntry(zip, MODEL_ENTRY, model);
        }
        return out.toByteArray();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(ENTRY_TIME_MILLIS);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Reads an artifact, resolving its feature set by id among the library's feature sets. */
    public static TrainedEstimator read(Path file) throws IOException {
        return read(file, EstimatorTrainer::featureSet);
    }

    /** Reads an artifact, resolving its feature set with {@code featureSets} (id to extractor). */
    public static TrainedEstimator read(Path file, Function<String, FeatureExtractor> featureSets)
            throws IOException {
        Objects.requireNonNull(file, "file");
        return read(Files.readAllBytes(file), file.toString(), featureSets);
    }

    /** Reads an artifact from a stream (a classpath resource, say); {@code source} names it in messages. */
    public static TrainedEstimator read(InputStream in, String source) throws IOException {
        return read(in.readAllBytes(), source, EstimatorTrainer::featureSet);
    }

    static TrainedEstimator read(byte[] bytes, String source, Function<String, FeatureExtractor> featureSets)
            throws IOException {
        TribuoLogging.quiet();
        Map<String, byte[]> entries = unzip(bytes, source);
        byte[] manifestBytes = require(entries, MANIFEST_ENTRY, source);
        EstimatorManifest manifest = parseManifest(manifestBytes, source);
        FeatureExtractor fx = checkFeatureSet(manifest, source, featureSets);
        if (manifest.target() == Target.LOG_RATIO_TO_ROOFLINE
                && manifest.rooflineVersion() != StepRoofline.version()) {
            throw new ArtifactFormatException(source + ": trained against roofline v" + manifest.rooflineVersion()
                    + ", this library computes roofline v" + StepRoofline.version() + "; retrain it");
        }
        Model<Regressor> model = readModel(entries, manifest, source);
        TrainerConfig config;
        StepRegressor regressor;
        try {
            config = new TrainerConfig(manifest.trainer(), manifest.hyperParameters(), fx.id(), manifest.target(),
                    manifest.seed());
            regressor = new StepRegressor(model, required(manifest.standardization(), "standardization", source),
                    manifest.target(), fx.names(), RegressionTrainers.predictsOneByOne(manifest.trainer()));
            return new TrainedEstimator(config, fx, regressor,
                    required(manifest.epochOverhead(), "epochOverhead", source),
                    required(manifest.intervals(), "intervals", source),
                    required(manifest.trainingData(), "trainingData", source),
                    required(manifest.heldOut(), "heldOut", source));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ArtifactFormatException(source + ": manifest is inconsistent: " + e.getMessage(), e);
        }
    }

    private static <T> T required(T value, String field, String source) throws ArtifactFormatException {
        if (value == null) {
            throw new ArtifactFormatException(source + ": manifest lacks " + field);
        }
        return value;
    }

    private static Map<String, byte[]> unzip(byte[] bytes, String source) throws ArtifactFormatException {
        if (!hasEndOfCentralDirectory(bytes)) {
            throw new ArtifactFormatException(source + ": not a complete .rte artifact (no zip end record:"
                    + " truncated, or not a zip at all)");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (entries.containsKey(e.getName())) {
                    throw new ArtifactFormatException(source + ": entry " + e.getName() + " appears twice");
                }
                entries.put(e.getName(), readBounded(zip, e.getName(), source));
            }
        } catch (ArtifactFormatException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new ArtifactFormatException(source + ": corrupt .rte artifact (" + e.getMessage() + ")", e);
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
            if (total > MAX_ENTRY_BYTES) {
                throw new ArtifactFormatException(source + ": entry " + entry + " exceeds " + MAX_ENTRY_BYTES
                        + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** A zip ends with an end-of-central-directory record (PK\5\6) within its last 64 KiB + 22 bytes. */
    private static boolean hasEndOfCentralDirectory(byte[] b) {
        int stop = Math.max(0, b.length - 22 - 65_535);
        for (int i = b.length - 22; i >= stop; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }

    private static byte[] require(Map<String, byte[]> entries, String name, String source)
            throws ArtifactFormatException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new ArtifactFormatException(source + ": missing entry " + name + " (entries: " + entries.keySet()
                    + ")");
        }
        return b;
    }

    private static EstimatorManifest parseManifest(byte[] bytes, String source) throws ArtifactFormatException {
        int version;
        try {
            version = JSON.readTree(bytes).path("formatVersion").asInt(-1);
        } catch (IOException e) {
            String msg = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new ArtifactFormatException(source + ": " + MANIFEST_ENTRY + " is not valid JSON: " + msg, e);
        }
        if (version > FORMAT_VERSION) {
            throw new ArtifactFormatException(source + ": formatVersion " + version + " was written by a newer"
                    + " runtime-estimator; this version reads formatVersion up to " + FORMAT_VERSION
                    + " (upgrade the library or retrain)");
        }
        if (version < 1) {
            throw new ArtifactFormatException(source + ": " + MANIFEST_ENTRY + " has no valid formatVersion");
        }
        try {
            return JSON.readValue(bytes, EstimatorManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            String msg = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new ArtifactFormatException(source + ": " + MANIFEST_ENTRY + " is invalid: " + msg, e);
        }
    }

    private static FeatureExtractor checkFeatureSet(EstimatorManifest manifest, String source,
                                                    Function<String, FeatureExtractor> featureSets)
            throws ArtifactFormatException {
        EstimatorManifest.FeatureSetRef ref = required(manifest.featureSet(), "featureSet", source);
        FeatureExtractor fx;
        try {
            fx = featureSets.apply(ref.id());
        } catch (SpecValidationException e) {
            throw new ArtifactFormatException(source + ": trained on feature set " + ref.id()
                    + ", which this library does not have (" + e.getMessage() + ")", e);
        }
        if (fx.version() != ref.version()) {
            throw new ArtifactFormatException(source + ": trained on feature set " + ref.id() + " v" + ref.version()
                    + ", this library has " + fx.id() + " v" + fx.version() + "; retrain it with this version");
        }
        if (ref.names() != null && !ref.names().equals(fx.names())) {
            throw new ArtifactFormatException(source + ": feature set " + ref.id() + " v" + ref.version()
                    + " lists other features than this library's: " + ref.names() + " vs " + fx.names());
        }
        return fx;
    }

    @SuppressWarnings("unchecked")
    private static Model<Regressor> readModel(Map<String, byte[]> entries, EstimatorManifest manifest,
                                              String source) throws ArtifactFormatException {
        EstimatorManifest.ModelRef ref = required(manifest.model(), "model", source);
        byte[] bytes = require(entries, ref.entry() == null ? MODEL_ENTRY : ref.entry(), source);
        if (ref.sha256() != null && !ref.sha256().equals(sha256(bytes))) {
            throw new ArtifactFormatException(source + ": entry " + ref.entry() + " is corrupt (SHA-256 differs from"
                    + " the manifest's)");
        }
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (IOException e) {
            throw new ArtifactFormatException(source + ": entry " + ref.entry() + " is not a Tribuo model: "
                    + e.getMessage(), e);
        }
        if (!proto.getClassName().startsWith("org.tribuo.")) {
            throw new ArtifactFormatException(source + ": entry " + ref.entry() + " names class "
                    + proto.getClassName() + ", which is not a Tribuo model; refusing to load it");
        }
        Model<?> model;
        try {
            model = Model.deserialize(proto);
        } catch (RuntimeException e) {
            throw new ArtifactFormatException(source + ": entry " + ref.entry() + " cannot be read as a Tribuo "
                    + "model: " + e.getMessage(), e);
        }
        if (!model.validate(Regressor.class)) {
            throw new ArtifactFormatException(source + ": entry " + ref.entry() + " is not a regression model");
        }
        return (Model<Regressor>) model;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
