package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.models.internal.ArtifactManifest.RegressorRef;
import io.github.runtimeestimator.models.internal.ArtifactManifest.StandardizationRef;
import io.github.runtimeestimator.models.operators.FamilyModel;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.models.operators.internal.OperatorFeatures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a format-2 artifact: {@code manifest.json} first, then one {@code regressors/<name>.bin} per compiled
 * regressor, each made of the manifest's SHA-256 (32 bytes) followed by the evaluator's {@link Payload}; then, when
 * the estimator carries a per-operator model, one {@code operators/<family>.bin} per family, laid out alike and
 * described by the manifest's {@value OperatorSection#FIELD} section. Zip entry times are fixed, so the bytes
 * depend on the content alone.
 */
public final class ArtifactWriter {
    private static final long ENTRY_TIME_MILLIS = 315_532_800_000L + 86_400_000L; // 1980-01-02: stable zip bytes

    private ArtifactWriter() {
    }

    /**
     * The artifact of {@code manifest} (whose own regressor list is replaced by references to
     * {@code regressors}) and {@code regressors}.
     */
    public static byte[] toBytes(ArtifactManifest manifest, List<CompiledRegressor> regressors) {
        return toBytes(manifest, regressors, null);
    }

    /**
     * As {@link #toBytes(ArtifactManifest, List)}, with the per-operator model {@code operatorModel} (none when
     * null).
     */
    public static byte[] toBytes(ArtifactManifest manifest, List<CompiledRegressor> regressors,
                                 OperatorModel operatorModel) {
        List<byte[]> payloads = new ArrayList<>();
        List<RegressorRef> refs = new ArrayList<>();
        for (CompiledRegressor r : regressors) {
            byte[] payload = EvaluatorCodec.encode(r.evaluator());
            payloads.add(payload);
            refs.add(new RegressorRef(r.name(), ArtifactManifest.entryOf(r.name()), Sha256.BYTES + (long) payload.length,
                    Sha256.hex(payload), r.featureSet(), r.inputs(), new StandardizationRef(r.means(), r.scales()),
                    r.target(), EvaluatorCodec.kindOf(r.evaluator())));
        }
        OperatorSection section = null;
        List<String> entries = new ArrayList<>();
        refs.forEach(r -> entries.add(r.entry()));
        if (operatorModel != null) {
            List<OperatorSection.FamilyRef> families = new ArrayList<>();
            for (FamilyModel f : operatorModel.families().stream().map(x -> operatorModel.family(x).orElseThrow())
                    .toList()) {
                byte[] payload = EvaluatorCodec.encode(f.trees());
                payloads.add(payload);
                String entry = OperatorSection.entryOf(f.family().id());
                entries.add(entry);
                families.add(new OperatorSection.FamilyRef(f.family().id(), entry,
                        Sha256.BYTES + (long) payload.length, Sha256.hex(payload), f.trees().featureNames(),
                        EvaluatorCodec.kindOf(f.trees()), f.floors().secondsByKey(), f.trainedOn(),
                        f.trainingRows()));
            }
            section = new OperatorSection(OperatorFeatures.VERSION, operatorModel.provenance(), families);
        }
        byte[] manifestBytes = ManifestJson.write(manifest.withRegressors(refs), section);
        byte[] manifestSha = Sha256.of(manifestBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            putEntry(zip, ManifestJson.ENTRY, manifestBytes);
            for (int i = 0; i < entries.size(); i++) {
                ZipEntry e = new ZipEntry(entries.get(i));
                e.setTime(ENTRY_TIME_MILLIS);
                zip.putNextEntry(e);
                zip.write(manifestSha);
                zip.write(payloads.get(i));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
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
}
