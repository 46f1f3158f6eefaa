package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 2 round-trips every evaluator kind bit for bit, and every way an artifact can be broken or tampered
 * with is refused with an {@link ArtifactFormatException} that names the entry and field.
 */
class ArtifactFormatTest {
    private static final String SOURCE = "x.rte";
    private static final String STEP = "regressors/step.bin";
    private static List<TrainedEstimator> estimators;
    private static byte[] tree;
    private static byte[] xgboost;
    private static List<WorkloadSpec> queries;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        estimators = SyntheticEstimators.all(11);
        tree = EstimatorArtifact.toBytes(estimators.get(0));
        xgboost = EstimatorArtifact.toBytes(estimators.get(2));
        queries = SyntheticEstimators.queries(200, 3);
    }

    private static TrainedEstimator read(byte[] bytes) throws ArtifactFormatException {
        return EstimatorArtifact.read(bytes, SOURCE, EstimatorArtifact::featureSet);
    }

    private static void assertRefused(byte[] bytes, String entry, String field, String... messageParts) {
        ThrowingCallable load = () -> read(bytes);
        assertThatThrownBy(load).isInstanceOfSatisfying(ArtifactFormatException.class, e -> {
            assertThat(e.source()).isEqualTo(SOURCE);
            assertThat(e.entry()).isEqualTo(entry);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(SOURCE + ": " + entry).contains(messageParts);
        });
    }

    @Test
    void everyEvaluatorKindRoundTripsBitForBit() throws IOException {
        for (TrainedEstimator est : estimators) {
            Path file = dir.resolve(est.config().trainer() + ".rte");
            est.save(file);
            TrainedEstimator loaded = (TrainedEstimator) RuntimeEstimator.load(file);
            assertThat(loaded.predictAll(queries)).as(est.config().trainer()).isEqualTo(est.predictAll(queries));
            assertThat(loaded.config()).isEqualTo(est.config());
            assertThat(loaded.resolvedHyperParameters()).isEqualTo(est.resolvedHyperParameters());
            assertThat(loaded.intervals()).isEqualTo(est.intervals());
            assertThat(loaded.epochOverhead()).isEqualTo(est.epochOverhead());
            assertThat(loaded.trainingData()).isEqualTo(est.trainingData());
            assertThat(loaded.heldOutMetrics()).isEqualTo(est.heldOutMetrics());
            assertThat(loaded.stepRegressor().inputs()).isEqualTo(est.stepRegressor().inputs());
            assertThat(loaded.stepRegressor().means()).isEqualTo(est.stepRegressor().means());
            assertThat(loaded.stepRegressor().scales()).isEqualTo(est.stepRegressor().scales());
            assertThat(EstimatorArtifact.toBytes(loaded)).as("written again: the same bytes")
                    .isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void theArtifactHoldsTheManifestThenTheRegressorAndNothingElse() {
        LinkedHashMap<String, byte[]> entries = ArtifactSurgery.entries(xgboost);
        assertThat(entries.keySet()).containsExactly("manifest.json", STEP);
        ObjectNode manifest = ArtifactSurgery.manifest(entries);
        assertThat(manifest.path("formatVersion").asInt()).isEqualTo(2);
        assertThat(manifest.path("regressors").get(0).path("evaluator").asText()).isEqualTo("xgboost_trees");
        byte[] entry = entries.get(STEP);
        assertThat(manifest.path("regressors").get(0).path("bytes").asLong()).isEqualTo(entry.length);
        assertThat(Arrays.copyOf(entry, 32)).as("the entry carries the manifest's SHA-256")
                .isEqualTo(ArtifactSurgery.sha256(entries.get("manifest.json"), 0, entries.get("manifest.json").length));
        assertThat(new String(entry, 32, 4, StandardCharsets.US_ASCII)).isEqualTo("RTEB");
    }

    @Test
    void truncatedOrNonZipFilesAreRefused() {
        for (int keep : new int[] {0, 10, tree.length / 2, tree.length - 10}) {
            byte[] cut = Arrays.copyOf(tree, keep);
            assertThatThrownBy(() -> read(cut)).as("kept %d of %d bytes", keep, tree.length)
                    .isInstanceOf(ArtifactFormatException.class).hasMessageContaining(SOURCE);
        }
        assertThatThrownBy(() -> read("formatVersion: 2\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ArtifactFormatException.class).hasMessageContaining("not a complete .rte artifact");
    }

    @Test
    void aFlippedPayloadByteIsRefusedByItsChecksum() {
        byte[] bad = ArtifactSurgery.editEntries(tree, e -> e.get(STEP)[e.get(STEP).length / 2] ^= 0x5a, false);
        assertRefused(bad, STEP, "sha256", "corrupt");
    }

    @Test
    void anEntryFromAnotherArtifactIsRefusedEvenWithItsChecksumCopiedIntoTheManifest() {
        byte[] other = EstimatorArtifact.toBytes(SyntheticEstimators.tree(99));
        byte[] foreign = ArtifactSurgery.entries(other).get(STEP);
        byte[] swapped = ArtifactSurgery.editEntries(tree, e -> e.put(STEP, foreign), false);
        assertRefused(swapped, STEP, "manifestSha256", "another manifest");
        // the manifest's size and checksum edited to match the foreign entry: the entry still names another manifest
        byte[] recomputed = ArtifactSurgery.editManifest(swapped, m -> {
            ObjectNode r = (ObjectNode) m.path("regressors").get(0);
            r.put("bytes", foreign.length);
            r.put("sha256", ArtifactSurgery.hex(ArtifactSurgery.sha256(foreign, 32, foreign.length - 32)));
        }, false);
        assertRefused(recomputed, STEP, "manifestSha256", "another manifest");
        // ... or the checksum removed
        byte[] removed = ArtifactSurgery.editManifest(tree, m -> ((ObjectNode) m.path("regressors").get(0))
                .remove("sha256"), false);
        assertRefused(removed, "manifest.json", "regressors[0].sha256", "sha256");
    }

    @Test
    void anEditedManifestIsRefusedUnlessItsEntriesAreReboundToIt() {
        byte[] edited = ArtifactSurgery.editManifest(tree, m -> ((ObjectNode) m.path("epochOverhead"))
                .put("perStepFraction", 13.9), false);
        assertRefused(edited, STEP, "manifestSha256", "manifest was edited");
    }

    @Test
    void manifestFieldsAreCheckedForRangeAndConsistencyNamingTheField() {
        expectManifestRefusal(m -> ((ObjectNode) m.path("regressors").get(0)).put("target", "LOG_MINUTES"),
                "regressors[0].target", "LOG_MINUTES");
        expectManifestRefusal(m -> scales(m).set(3, 0.0), "regressors[0].standardization.scales[3]", "within");
        expectManifestRefusal(m -> scales(m).set(0, 1e300), "regressors[0].standardization.scales[0]", "within");
        expectManifestRefusal(m -> scales(m).remove(2), "regressors[0].standardization.scales", "count");
        expectManifestRefusal(m -> ((ArrayNode) m.path("regressors").get(0).path("standardization").path("means"))
                .set(1, 1e40), "regressors[0].standardization.means[1]", "magnitude");
        expectManifestRefusal(m -> ((ObjectNode) m.path("epochOverhead")).put("perStepFraction", 1e7),
                "epochOverhead.perStepFraction", "within");
        expectManifestRefusal(m -> ((ObjectNode) m.path("epochOverhead")).put("rows", 0),
                "epochOverhead", "0 rows");
        expectManifestRefusal(m -> ((ObjectNode) m.path("intervals").path("pooled")).put("upperLogResidual", 400.0),
                "intervals.pooled.upperLogResidual", "within");
        expectManifestRefusal(m -> ((ObjectNode) m.path("intervals").path("byPhase").path("infer"))
                .put("lowerLogResidual", 0.5), "intervals.byPhase.infer", "contain 0");
        expectManifestRefusal(m -> ((ObjectNode) m.path("intervals")).put("nominalCoverage", 1.5),
                "intervals.nominalCoverage", "within");
        expectManifestRefusal(m -> ((ObjectNode) m.path("heldOut")).put("within25Percent", 2.0),
                "heldOut.within25Percent", "within");
        expectManifestRefusal(m -> ((ObjectNode) m.path("trainingData").path("rowsByPhase")).put("infer", 7),
                "trainingData.rowsByPhase", "adds up");
        expectManifestRefusal(m -> ((ArrayNode) m.path("regressors").get(0).path("inputs")).set(0, "warp_factor"),
                "regressors[0].inputs[0]", "warp_factor");
        expectManifestRefusal(m -> ((ObjectNode) m.path("regressors").get(0)).put("entry", "../../etc/passwd"),
                "regressors[0].entry", "regressors/step.bin");
        expectManifestRefusal(m -> ((ObjectNode) m.path("regressors").get(0)).put("evaluator", "native_xgboost"),
                "regressors[0].evaluator", "native_xgboost");
        expectManifestRefusal(m -> ((ObjectNode) m.path("regressors").get(0)).put("bytes", 1L << 40),
                "regressors[0].bytes", "within");
        expectManifestRefusal(m -> m.put("seed", 1.5), "seed", null);
        expectManifestRefusal(m -> m.put("trainer", "Tribuo Model"), "trainer", "must match");
        expectManifestRefusal(m -> m.put("libraryVersion", "x\u0000y"), "libraryVersion", "control character");
        expectManifestRefusal(m -> m.putNull("intervals"), "intervals", null);
        expectManifestRefusal(m -> m.remove("heldOut"), "heldOut", null);
        expectManifestRefusal(m -> m.put("model", "model.tribuo.pb"), "model", null);
        expectManifestRefusal(m -> ((ObjectNode) m.path("resolvedHyperParameters")).removeAll(),
                "resolvedHyperParameters.trees", "hyperParameters sets");
    }

    private static ArrayNode scales(ObjectNode m) {
        return (ArrayNode) m.path("regressors").get(0).path("standardization").path("scales");
    }

    /** The edit, with the entries rebound to the edited manifest, is refused naming {@code field}. */
    private static void expectManifestRefusal(Consumer<ObjectNode> edit, String field, String messagePart) {
        byte[] edited = ArtifactSurgery.editManifest(tree, edit, true);
        assertThatThrownBy(() -> read(edited)).as(field).isInstanceOfSatisfying(ArtifactFormatException.class, e -> {
            assertThat(e.entry()).as(e.getMessage()).isEqualTo("manifest.json");
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            if (messagePart != null) {
                assertThat(e.getMessage()).contains(messagePart);
            }
        });
    }

    @Test
    void strictJsonRefusesDuplicateKeysTrailingContentAndUnknownFields() {
        byte[] duplicate = ArtifactSurgery.editManifestText(tree, t -> t.replaceFirst("\"seed\" : 7",
                "\"seed\" : 7, \"seed\" : 8"), true);
        assertRefused(duplicate, "manifest.json", null, "Duplicate field 'seed'");
        byte[] trailing = ArtifactSurgery.editManifestText(tree, t -> t + " {}", true);
        assertRefused(trailing, "manifest.json", null, "not valid JSON");
        byte[] unknown = ArtifactSurgery.editManifest(tree, m -> ((ObjectNode) m.path("regressors").get(0))
                .put("native", true), true);
        assertRefused(unknown, "manifest.json", "regressors[0].native", "native");
    }

    @Test
    void formatVersionOneIsRefusedWithHowToConvertAndANewerOneWithHowToUpgrade() {
        byte[] v1 = ArtifactSurgery.editManifest(tree, m -> m.put("formatVersion", 1), true);
        assertRefused(v1, "manifest.json", "formatVersion", "runtime-estimator convert", "ArtifactConverter",
                "runtime-estimator-training");
        byte[] v3 = ArtifactSurgery.editManifest(tree, m -> m.put("formatVersion", 3), true);
        assertRefused(v3, "manifest.json", "formatVersion", "newer", "reads format 2");
    }

    @Test
    void entriesTheFormatDoesNotDefineAreRefusedWhereverTheyAre() {
        byte[] after = ArtifactSurgery.editEntries(tree, e -> e.put("notes.txt", new byte[10]), false);
        assertRefused(after, "notes.txt", null, "unexpected");
        byte[] before = ArtifactSurgery.editEntries(tree, e -> {
            LinkedHashMap<String, byte[]> copy = new LinkedHashMap<>(e);
            e.clear();
            e.put("model.tribuo.pb", new byte[10]);
            e.putAll(copy);
        }, false);
        assertRefused(before, "model.tribuo.pb", null, "first entry must be manifest.json");
        byte[] twice = ArtifactSurgery.zip(new LinkedHashMap<>(ArtifactSurgery.entries(tree)) {
            {
                put("regressors/extra.bin", get(STEP));
            }
        });
        assertRefused(twice, "regressors/extra.bin", null, "unexpected");
        byte[] missing = ArtifactSurgery.editEntries(tree, e -> e.remove(STEP), false);
        assertRefused(missing, STEP, null, "missing");
    }

    @Test
    void aRegressorWithNoRoleInThisVersionIsRefused() {
        byte[] renamed = ArtifactSurgery.editEntries(tree, e -> {
            e.put("regressors/op.matmul.bin", e.remove(STEP));
            ObjectNode m = ArtifactSurgery.manifest(e);
            ((ObjectNode) m.path("regressors").get(0)).put("name", "op.matmul").put("entry",
                    "regressors/op.matmul.bin");
            e.put("manifest.json", ArtifactSurgery.write(m));
        }, true);
        assertRefused(renamed, "manifest.json", "regressors", "op.matmul", "'step'");
    }

    @Test
    void aFeatureSetOfAnotherVersionOrUnknownIdIsRefused() throws IOException {
        FeatureExtractor physics = FeatureSets.physics();
        byte[] otherVersion = ArtifactSurgery.editManifest(tree, m -> ((ObjectNode) m.path("featureSets").get(0))
                .put("version", physics.version() + 1), true);
        assertRefused(otherVersion, "manifest.json", "featureSets[0].version", "retrain");
        byte[] unknown = ArtifactSurgery.editManifest(tree, m -> {
            ((ObjectNode) m.path("featureSets").get(0)).put("id", "quantum");
            ((ObjectNode) m.path("regressors").get(0)).put("featureSet", "quantum");
        }, true);
        assertRefused(unknown, "manifest.json", "featureSets[0].id", "quantum");
    }

    @Test
    void treeArraysThatLoopOrPointOutsideAreRefusedNamingTheArray() {
        // payload offsets of the tribuo tree's arrays: header 8, then roots (1 int), then feature, low, high
        byte[] cycle = editArray(tree, "low", values -> values.putInt(0, 0));
        assertRefused(cycle, STEP, "roots[0]", "reached twice");
        byte[] outside = editArray(tree, "high", values -> values.putInt(0, 1_000_000));
        assertRefused(outside, STEP, "high[0]", "outside");
        byte[] feature = editArray(tree, "feature", values -> values.putInt(0, 4096));
        assertRefused(feature, STEP, "feature[0]", "outside");
        byte[] nan = editArray(tree, "value", values -> {
            for (int i = 0; i < values.capacity(); i += 8) {
                values.putDouble(i, Double.NaN);
            }
        });
        assertThatThrownBy(() -> read(nan)).isInstanceOfSatisfying(ArtifactFormatException.class,
                e -> assertThat(e.field()).startsWith("value["));
        byte[] tooMany = editArray(xgboost, "roots", values -> values.putInt(0, -5));
        assertRefused(tooMany, STEP, "roots[0]", "outside");
    }

    @Test
    void aPayloadWhoseArraysDoNotMatchItsKindIsRefused() {
        byte[] relabelled = ArtifactSurgery.editManifest(tree, m -> ((ObjectNode) m.path("regressors").get(0))
                .put("evaluator", "knn"), true);
        assertRefused(relabelled, STEP, "header", "arrays");
        byte[] truncated = ArtifactSurgery.editEntries(tree, e -> e.put(STEP, Arrays.copyOf(e.get(STEP),
                e.get(STEP).length - 3)), true);
        assertThatThrownBy(() -> read(truncated)).isInstanceOfSatisfying(ArtifactFormatException.class,
                e -> assertThat(e.entry()).isEqualTo(STEP));
    }

    @Test
    void aZipOfPaddingEntriesIsRefusedAtTheFirstPaddingEntryWithoutInflatingIt() throws IOException {
        // the audit's artifact: ~7 MB of entries of 50 MB of zeros each (each under the per-entry cap), 7 GB in all
        byte[] bomb = PaddingZip.of(ArtifactSurgery.entries(tree), 144, 50 << 20);
        assertThat(bomb.length).isBetween(6_000_000, 9_000_000);
        assertRefused(bomb, "padding-000.bin", null, "unexpected");
        // the same bomb as the manifest itself: refused once 4 MiB are inflated
        byte[] manifestBomb = PaddingZip.of(new LinkedHashMap<>(), 1, 50 << 20, "manifest.json");
        assertRefused(manifestBomb, "manifest.json", null, "inflates to more than 4194304 bytes");
    }

    @Test
    void aFileLargerThanAnyArtifactIsRefusedBeforeItIsRead() throws IOException {
        Path huge = dir.resolve("huge.rte");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength((128L << 20) + 1); // sparse: nothing is written
        }
        assertThatThrownBy(() -> RuntimeEstimator.load(huge)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("larger than any artifact");
    }

    @Test
    void aMissingFileIsAnIoException() {
        assertThatThrownBy(() -> RuntimeEstimator.load(dir.resolve("absent.rte"))).isInstanceOf(IOException.class);
    }

    /** The artifact with one payload array of its regressor edited in place (little-endian), rehashed. */
    private static byte[] editArray(byte[] artifact, String array, Consumer<ByteBuffer> edit) {
        return ArtifactSurgery.editEntries(artifact, e -> {
            byte[] entry = e.get(STEP).clone();
            ByteBuffer b = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
            b.position(32 + 8);
            while (b.hasRemaining()) {
                byte type = b.get();
                int nameLength = b.get();
                byte[] name = new byte[nameLength];
                b.get(name);
                int count = b.getInt();
                int size = count * (type == 3 ? 8 : 4);
                if (new String(name, StandardCharsets.US_ASCII).equals(array)) {
                    edit.accept(b.slice(b.position(), size).order(ByteOrder.LITTLE_ENDIAN));
                    break;
                }
                b.position(b.position() + size);
            }
            e.put(STEP, entry);
        }, true);
    }

    /** Writes zips with deflated padding entries directly: one compressed blob reused for every entry. */
    static final class PaddingZip {
        static byte[] of(LinkedHashMap<String, byte[]> first, int count, int inflatedBytes, String... names)
                throws IOException {
            byte[] zeros = new byte[inflatedBytes];
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            deflater.setInput(zeros);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!deflater.finished()) {
                compressed.write(buf, 0, deflater.deflate(buf));
            }
            deflater.end();
            CRC32 crc = new CRC32();
            crc.update(zeros);
            byte[] data = compressed.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream central = new ByteArrayOutputStream();
            int entries = 0;
            for (java.util.Map.Entry<String, byte[]> e : first.entrySet()) {
                CRC32 c = new CRC32();
                c.update(e.getValue());
                writeEntry(out, central, e.getKey(), 0, e.getValue(), e.getValue().length, c.getValue());
                entries++;
            }
            for (int i = 0; i < count; i++) {
                String name = names.length > i ? names[i] : String.format("padding-%03d.bin", i);
                writeEntry(out, central, name, 8, data, inflatedBytes, crc.getValue());
                entries++;
            }
            int centralOffset = out.size();
            out.write(central.toByteArray());
            ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                    .putShort((short) entries).putInt(central.size()).putInt(centralOffset).putShort((short) 0);
            out.write(end.array());
            return out.toByteArray();
        }

        private static void writeEntry(ByteArrayOutputStream out, ByteArrayOutputStream central, String name,
                                       int method, byte[] data, long size, long crc) throws IOException {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int offset = out.size();
            ByteBuffer local = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) method)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) crc).putInt(data.length)
                    .putInt((int) size).putShort((short) n.length).putShort((short) 0);
            out.write(local.array());
            out.write(n);
            out.write(data);
            ByteBuffer c = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
                    .putShort((short) method).putShort((short) 0).putShort((short) 0x21).putInt((int) crc)
                    .putInt(data.length).putInt((int) size).putShort((short) n.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset);
            central.write(c.array());
            central.write(n);
        }
    }
}
