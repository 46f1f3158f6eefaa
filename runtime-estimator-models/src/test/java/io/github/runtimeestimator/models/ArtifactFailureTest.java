package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.RuntimeEstimator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken or incompatible .rte artifact fails with an ArtifactFormatException that says what is wrong. */
class ArtifactFailureTest {
    private static byte[] good;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        TrainedEstimator est = EstimatorTrainer.train(TrainerConfig.of("cart", "test"), TestFeatures.V1,
                TestData.synthetic(1), TrainingOptions.defaults().withFolds(3));
        good = EstimatorArtifact.toBytes(est);
    }

    private TrainedEstimator read(byte[] bytes) throws IOException {
        Path file = dir.resolve("x.rte");
        Files.write(file, bytes);
        return EstimatorArtifact.read(file, TestFeatures.resolver(TestFeatures.V1));
    }

    @Test
    void theUntouchedArtifactLoads() throws IOException {
        assertThat(read(good).config().trainer()).isEqualTo("cart");
    }

    @Test
    void truncatedArtifactIsRefused() {
        for (int keep : new int[] {0, 10, good.length / 2, good.length - 10}) {
            byte[] cut = Arrays.copyOf(good, keep);
            assertThatThrownBy(() -> read(cut)).as("kept %d of %d bytes", keep, good.length)
                    .isInstanceOf(ArtifactFormatException.class).hasMessageContaining("x.rte");
        }
    }

    @Test
    void notAZipIsRefused() {
        byte[] text = "formatVersion: 1\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(text)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("not a complete .rte artifact");
    }

    @Test
    void flippedByteInTheModelIsRefused() throws IOException {
        byte[] bad = rezip(entries -> {
            byte[] model = entries.get(EstimatorArtifact.MODEL_ENTRY).clone();
            model[model.length / 2] ^= 0x5a;
            entries.put(EstimatorArtifact.MODEL_ENTRY, model);
            return entries;
        });
        assertThatThrownBy(() -> read(bad)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("corrupt").hasMessageContaining("SHA-256");
    }

    @Test
    void flippedByteInTheZipIsRefused() {
        // somewhere in the compressed model entry: the zip's CRC or the inflater notices
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x5a;
        assertThatThrownBy(() -> read(bad)).isInstanceOf(ArtifactFormatException.class);
    }

    @Test
    void missingEntriesAreNamed() throws IOException {
        byte[] noModel = rezip(entries -> {
            entries.remove(EstimatorArtifact.MODEL_ENTRY);
            return entries;
        });
        assertThatThrownBy(() -> read(noModel)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("missing entry " + EstimatorArtifact.MODEL_ENTRY);
        byte[] noManifest = rezip(entries -> {
            entries.remove(EstimatorArtifact.MANIFEST_ENTRY);
            return entries;
        });
        assertThatThrownBy(() -> read(noManifest)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("missing entry " + EstimatorArtifact.MANIFEST_ENTRY);
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException {
        byte[] newer = editManifest(json -> json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
        assertThatThrownBy(() -> read(newer)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("formatVersion 99").hasMessageContaining("newer")
                .hasMessageContaining("up to " + EstimatorArtifact.FORMAT_VERSION);
    }

    @Test
    void invalidManifestIsRefused() throws IOException {
        byte[] broken = editManifest(json -> json.substring(0, json.length() / 2));
        assertThatThrownBy(() -> read(broken)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("manifest.json");
    }

    @Test
    void anotherFeatureSetVersionIsRefused() throws IOException {
        Path file = dir.resolve("v.rte");
        Files.write(file, good);
        assertThatThrownBy(() -> EstimatorArtifact.read(file, TestFeatures.resolver(new TestFeatures(2))))
                .isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("test v1").hasMessageContaining("test v2");
    }

    @Test
    void unknownFeatureSetIsRefused() throws IOException {
        byte[] other = editManifest(json -> json.replace("\"id\" : \"test\"", "\"id\" : \"quantum\""));
        assertThatThrownBy(() -> read(other)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("quantum");
    }

    @Test
    void aNonTribuoClassInTheModelIsRefusedBeforeAnythingIsInstantiated() throws IOException {
        byte[] evil = rezip(entries -> {
            try {
                org.tribuo.protos.core.ModelProto proto = org.tribuo.protos.core.ModelProto
                        .parseFrom(entries.get(EstimatorArtifact.MODEL_ENTRY));
                byte[] model = proto.toBuilder().setClassName("java.lang.Runtime").build().toByteArray();
                entries.put(EstimatorArtifact.MODEL_ENTRY, model);
                String manifest = new String(entries.get(EstimatorArtifact.MANIFEST_ENTRY), StandardCharsets.UTF_8)
                        .replaceAll("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \"" + EstimatorArtifact.sha256(model)
                                + "\"");
                entries.put(EstimatorArtifact.MANIFEST_ENTRY, manifest.getBytes(StandardCharsets.UTF_8));
                return entries;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> read(evil)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("java.lang.Runtime").hasMessageContaining("not a Tribuo model");
    }

    @Test
    void runtimeEstimatorLoadReportsAMissingFileAsAnIoException() {
        assertThatThrownBy(() -> RuntimeEstimator.load(dir.resolve("absent.rte"))).isInstanceOf(IOException.class);
    }

    private byte[] editManifest(UnaryOperator<String> edit) throws IOException {
        return rezip(entries -> {
            String json = new String(entries.get(EstimatorArtifact.MANIFEST_ENTRY), StandardCharsets.UTF_8);
            entries.put(EstimatorArtifact.MANIFEST_ENTRY, edit.apply(json).getBytes(StandardCharsets.UTF_8));
            return entries;
        });
    }

    private static byte[] rezip(UnaryOperator<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(good))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : edit.apply(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
