package io.github.runtimeestimator.models.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.models.ArtifactFormatException;
import io.github.runtimeestimator.models.internal.compiled.CompiledEvaluator;
import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.internal.compiled.InvalidModelException;
import io.github.runtimeestimator.models.internal.ArtifactManifest.FeatureSetRef;
import io.github.runtimeestimator.models.internal.ArtifactManifest.RegressorRef;
import io.github.runtimeestimator.models.operators.FamilyModel;
import io.github.runtimeestimator.models.operators.LaunchFloors;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a format-2 {@code .rte} artifact into {@link ArtifactContents}, trusting nothing in it.
 *
 * <p>In order: the file is at most {@link ArtifactLimits#MAX_FILE_BYTES} and ends with a zip end record (not
 * truncated); the first entry is {@code manifest.json}, inflated to at most
 * {@link ArtifactLimits#MAX_MANIFEST_BYTES}; its {@code formatVersion} is 2 (1 is refused with how to convert, a
 * newer one with how to upgrade); it binds strictly and passes {@link ManifestRules}. Then each regressor the
 * manifest declares must be the next entry, in manifest order, inflated to exactly its declared size; its first
 * 32 bytes must be the SHA-256 of this manifest (so an entry from another artifact is refused even when the
 * manifest's checksum was edited to match it), the SHA-256 of the rest must be the manifest's, and the rest must
 * decode into a valid evaluator. The optional {@value OperatorSection#FIELD} section of the manifest (a per-operator
 * model) is checked by the same rules and its {@code operators/<family>.bin} entries, which follow the regressors
 * in section order, the same way. Any further entry is refused. Nothing is inflated beyond the declared sizes,
 * nothing is deserialized as Java objects, and no native code runs.
 */
public final class ArtifactReader {
    /** The format this reader reads. */
    public static final int FORMAT_VERSION = 2;

    private ArtifactReader() {
    }

    /** Reads the file, refusing one larger than {@link ArtifactLimits#MAX_FILE_BYTES} before reading it. */
    public static byte[] readBounded(Path file) throws IOException {
        long size = Files.size(file);
        if (size > ArtifactLimits.MAX_FILE_BYTES) {
            throw new ArtifactFormatException(file + ": " + size + " bytes, larger than any artifact may be ("
                    + ArtifactLimits.MAX_FILE_BYTES + ")");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readBounded(in, file.toString());
        }
    }

    /** Reads the stream, refusing more than {@link ArtifactLimits#MAX_FILE_BYTES}. */
    public static byte[] readBounded(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes((int) ArtifactLimits.MAX_FILE_BYTES + 1);
        if (bytes.length > ArtifactLimits.MAX_FILE_BYTES) {
            throw new ArtifactFormatException(source + ": larger than any artifact may be ("
                    + ArtifactLimits.MAX_FILE_BYTES + " bytes)");
        }
        return bytes;
    }

    /** Reads and checks an artifact's bytes; {@code source} names it in messages. */
    public static ArtifactContents read(byte[] bytes, String source) throws ArtifactFormatException {
        if (bytes.length > ArtifactLimits.MAX_FILE_BYTES) {
            throw new ArtifactFormatException(source + ": larger than any artifact may be ("
                    + ArtifactLimits.MAX_FILE_BYTES + " bytes)");
        }
        if (!hasEndOfCentralDirectory(bytes)) {
            throw new ArtifactFormatException(source + ": not a complete .rte artifact (no zip end record:"
                    + " truncated, or not a zip at all)");
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry first = zip.getNextEntry();
            if (first == null) {
                throw new ArtifactFormatException(source, ManifestJson.ENTRY, null, "missing: the zip has no entries");
            }
            if (!ManifestJson.ENTRY.equals(first.getName())) {
                throw new ArtifactFormatException(source, first.getName(), null, "the first entry must be "
                        + ManifestJson.ENTRY);
            }
            byte[] manifestBytes = readEntry(zip, ArtifactLimits.MAX_MANIFEST_BYTES, source, ManifestJson.ENTRY);
            JsonNode tree = manifestTree(manifestBytes, source);
            Optional<OperatorSection> section = ManifestJson.takeOperatorSection(tree, source);
            ArtifactManifest manifest = ManifestJson.bind(tree, source);
            ManifestRules.check(manifest, source);
            if (section.isPresent()) {
                ManifestRules.checkOperatorSection(section.get(), source);
                long total = manifest.regressors().stream().mapToLong(RegressorRef::bytes).sum()
                        + section.get().families().stream().mapToLong(OperatorSection.FamilyRef::bytes).sum();
                if (total > ArtifactLimits.MAX_TOTAL_BYTES) {
                    throw new ArtifactFormatException(source, ManifestJson.ENTRY, OperatorSection.FIELD + ".families",
                            "the entries add up to more than " + ArtifactLimits.MAX_TOTAL_BYTES + " bytes");
                }
            }
            byte[] manifestSha = Sha256.of(manifestBytes);
            List<CompiledRegressor> regressors = new ArrayList<>();
            for (RegressorRef ref : manifest.regressors()) {
                ZipEntry e = zip.getNextEntry();
                if (e == null) {
                    throw new ArtifactFormatException(source, ref.entry(), null, "missing");
                }
                if (!ref.entry().equals(e.getName())) {
                    throw new ArtifactFormatException(source, e.getName(), null, "unexpected: the next entry must be "
                            + ref.entry() + " (the format defines no other entries; they come in manifest order)");
                }
                byte[] entry = readEntry(zip, ref.bytes(), source, ref.entry());
                regressors.add(regressor(manifest, ref, entry, manifestSha, source));
            }
            Optional<OperatorModel> operatorModel = Optional.empty();
            if (section.isPresent()) {
                Map<OperatorFamily, FamilyModel> families = new EnumMap<>(OperatorFamily.class);
                for (OperatorSection.FamilyRef ref : section.get().families()) {
                    ZipEntry e = zip.getNextEntry();
                    if (e == null) {
                        throw new ArtifactFormatException(source, ref.entry(), null, "missing");
                    }
                    if (!ref.entry().equals(e.getName())) {
                        throw new ArtifactFormatException(source, e.getName(), null, "unexpected: the next entry must"
                                + " be " + ref.entry() + " (the format defines no other entries; they come in"
                                + " manifest order)");
                    }
                    byte[] entry = readEntry(zip, ref.bytes(), source, ref.entry());
                    FamilyModel family = family(ref, entry, manifestSha, source);
                    families.put(family.family(), family);
                }
                operatorModel = Optional.of(OperatorModel.of(families, section.get().provenance()));
            }
            ZipEntry extra = zip.getNextEntry();
            if (extra != null) {
                throw new ArtifactFormatException(source, extra.getName(), null, "unexpected: format "
                        + FORMAT_VERSION + " defines " + ManifestJson.ENTRY + ", the regressors and the operator"
                        + " families it lists, nothing else");
            }
            return new ArtifactContents(manifest, Sha256.hex(manifestBytes), regressors, operatorModel);
        } catch (ArtifactFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ZipException (bad CRC, bad header), EOF, malformed entry names: the zip itself is broken
            throw new ArtifactFormatException(source + ": corrupt .rte artifact (" + e + ")", e);
        }
    }

    /** The manifest's JSON tree, once its format version is one this reader reads. */
    private static JsonNode manifestTree(byte[] bytes, String source) throws ArtifactFormatException {
        JsonNode tree = ManifestJson.parse(bytes, source);
        JsonNode version = tree.get("formatVersion");
        if (version == null || !version.isInt()) {
            throw new ArtifactFormatException(source, ManifestJson.ENTRY, "formatVersion", "is missing or not an"
                    + " integer");
        }
        int v = version.intValue();
        if (v == 1) {
            throw new ArtifactFormatException(source, ManifestJson.ENTRY, "formatVersion", "1 (a Tribuo model) is"
                    + " no longer read: this library reads format " + FORMAT_VERSION + " (compiled, pure Java). Convert"
                    + " the file once with 'runtime-estimator convert --estimator " + source + " --out NEW.rte' (or"
                    + " io.github.runtimeestimator.training.ArtifactConverter in runtime-estimator-training), or"
                    + " retrain it");
        }
        if (v > FORMAT_VERSION) {
            throw new ArtifactFormatException(source, ManifestJson.ENTRY, "formatVersion", v + " was written by a"
                    + " newer runtime-estimator; this version reads format " + FORMAT_VERSION + " (upgrade the"
                    + " library or retrain)");
        }
        if (v != FORMAT_VERSION) {
            throw new ArtifactFormatException(source, ManifestJson.ENTRY, "formatVersion", v + " is not a format"
                    + " version (this library reads " + FORMAT_VERSION + ")");
        }
        return tree;
    }

    private static CompiledRegressor regressor(ArtifactManifest manifest, RegressorRef ref, byte[] entry,
                                               byte[] manifestSha, String source) throws ArtifactFormatException {
        checkEntry(ref.entry(), ref.bytes(), ref.sha256(), entry, manifestSha, source);
        FeatureSetRef set = manifest.featureSets().stream().filter(f -> f.id().equals(ref.featureSet()))
                .findFirst().orElseThrow();
        try {
            CompiledEvaluator evaluator = EvaluatorCodec.decode(ref.evaluator(), entry, Sha256.BYTES, ref.inputs());
            return CompiledRegressor.of(ref.name(), ref.featureSet(), set.names(), ref.inputs(),
                    ref.standardization().means(), ref.standardization().scales(), ref.target(), evaluator);
        } catch (PayloadFormatException e) {
            throw new ArtifactFormatException(source, ref.entry(), e.field(), e.getMessage(), e);
        } catch (InvalidModelException e) {
            throw new ArtifactFormatException(source, ref.entry(), e.field(), e.getMessage(), e);
        }
    }

    /** One family of the per-operator model: its compiled trees, floors and training devices. */
    private static FamilyModel family(OperatorSection.FamilyRef ref, byte[] entry, byte[] manifestSha, String source)
            throws ArtifactFormatException {
        checkEntry(ref.entry(), ref.bytes(), ref.sha256(), entry, manifestSha, source);
        try {
            CompiledEvaluator evaluator = EvaluatorCodec.decode(ref.evaluator(), entry, Sha256.BYTES, ref.inputs());
            OperatorFamily family = OperatorFamily.valueOf(ref.family().toUpperCase(java.util.Locale.ROOT));
            return FamilyModel.of(family, (CompiledTreeEnsemble) evaluator, new LaunchFloors(ref.floorSeconds()),
                    ref.trainedOn(), Math.toIntExact(ref.trainingRows()));
        } catch (PayloadFormatException e) {
            throw new ArtifactFormatException(source, ref.entry(), e.field(), e.getMessage(), e);
        } catch (InvalidModelException e) {
            throw new ArtifactFormatException(source, ref.entry(), e.field(), e.getMessage(), e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ArtifactFormatException(source, ref.entry(), null, "is inconsistent with its manifest: "
                    + e.getMessage(), e);
        }
    }

    /**
     * An entry carries this manifest's SHA-256 in its first 32 bytes, has the declared length, and its payload
     * has the declared SHA-256.
     */
    private static void checkEntry(String name, long bytes, String sha256, byte[] entry, byte[] manifestSha,
                                   String source) throws ArtifactFormatException {
        if (entry.length < Sha256.BYTES
                || !MessageDigest.isEqual(manifestSha, java.util.Arrays.copyOf(entry, Sha256.BYTES))) {
            throw new ArtifactFormatException(source, name, "manifestSha256", "does not carry the SHA-256 of"
                    + " this artifact's manifest: the manifest was edited after it was written, or the entry belongs"
                    + " to another manifest (entries cannot be moved between artifacts)");
        }
        if (entry.length != bytes) {
            throw new ArtifactFormatException(source, name, "bytes", entry.length + " bytes, the manifest says "
                    + bytes);
        }
        String payloadSha = Sha256.hex(entry, Sha256.BYTES, entry.length - Sha256.BYTES);
        if (!payloadSha.equals(sha256)) {
            throw new ArtifactFormatException(source, name, "sha256", "is corrupt: the SHA-256 of its payload"
                    + " differs from the manifest's");
        }
    }

    /** An entry's bytes, refusing more than {@code limit} after inflating at most {@code limit + 1} of them. */
    private static byte[] readEntry(InputStream in, long limit, String source, String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 1 << 16));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, limit + 1 - total))) > 0) {
            total += n;
            if (total > limit) {
                throw new ArtifactFormatException(source, entry, null, "inflates to more than " + limit + " bytes");
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
}
