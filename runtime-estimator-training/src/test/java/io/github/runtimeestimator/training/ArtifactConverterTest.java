package io.github.runtimeestimator.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.PhysicalBounds;
import io.github.runtimeestimator.models.ArtifactFormatException;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Format-1 artifacts written by the last version that wrote them (fixtures under {@code v1/}) convert to format
 * 2 and then predict exactly what that version predicted, on every row of the three datasets it knew; loading
 * them directly is refused with how to convert.
 */
class ArtifactConverterTest {
    private static final List<String> DATASETS = List.of("epyc2-pytorch-cpu.csv", "h100-sxm-pytorch.csv",
            "xeon16-pytorch-cpu.csv");

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(ArtifactConverterTest.class.getResource("v1/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<WorkloadSpec> rows() {
        List<WorkloadSpec> out = new ArrayList<>();
        for (String file : DATASETS) {
            for (Measurement m : TestData.readCsv(RepositoryFiles.dataset(file))) {
                out.add(m.workload());
            }
        }
        return out;
    }

    /** The predictions as the text the fixtures' hashes were taken of (see v1/README.md). */
    static String predictions(RuntimeEstimator est, List<WorkloadSpec> rows) {
        StringBuilder sb = new StringBuilder("# row seconds lowerSeconds upperSeconds secondsPerStep"
                + " (Double.doubleToLongBits, hex) steps coverage(hex) estimator\n");
        for (int i = 0; i < rows.size(); i++) {
            try {
                Estimate e = est.predict(rows.get(i));
                sb.append(i).append(' ').append(hex(e.seconds())).append(' ').append(hex(e.lowerSeconds()))
                        .append(' ').append(hex(e.upperSeconds())).append(' ').append(hex(e.secondsPerStep()))
                        .append(' ').append(e.steps()).append(' ').append(hex(e.coverage())).append(' ')
                        .append(e.estimator()).append('\n');
            } catch (RuntimeException ex) {
                sb.append(i).append(" error ").append(ex.getClass().getSimpleName()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String hex(double v) {
        return Long.toHexString(Double.doubleToLongBits(v));
    }

    static Map<String, String> expectedHashes(String file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(fixture(file))) {
            String[] p = line.trim().split("\\s+");
            out.put(p[0], p[1]);
        }
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The regressor's own answers survive conversion bit for bit: the hashes of each step's time before the
     * physical floor, recorded by the format-1 code (v1/README.md). Whole estimates are compared as that code made
     * them except where a later rule (no estimate below the step's physical floor) raises a step to the floor,
     * so each whole estimate is checked against that rule, and the converted and reloaded estimators agree.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cart", "forest", "xgboost", "knn", "linear", "default"})
    void aConvertedArtifactPredictsWhatFormatOnePredictedOnEveryRow(String name) throws IOException {
        Path out = dir.resolve(name + ".v2.rte");
        TrainedEstimator converted = ArtifactConverter.convert(fixture(name + ".rte"), out);
        TrainedEstimator loaded = (TrainedEstimator) RuntimeEstimator.load(out);
        List<WorkloadSpec> rows = rows();
        assertThat(rows).hasSize(1_690);
        // The hash covers the rows whose description has not changed since the format-1 code: not the EPYC file's
        // (its rows now carry their own descriptor columns, which the roofline baseline of a ratio target reads)
        // nor Swin's (the model catalogue describes Swin only since, from its trace).
        List<WorkloadSpec> described = new ArrayList<>();
        for (String file : List.of("h100-sxm-pytorch.csv", "xeon16-pytorch-cpu.csv")) {
            for (Measurement m : TestData.readCsv(RepositoryFiles.dataset(file))) {
                if (!m.workload().model().name().startsWith("swin")) {
                    described.add(m.workload());
                }
            }
        }
        assertThat(described).hasSize(1_017);
        String steps = stepSeconds(loaded, described);
        assertThat(sha256(steps)).as("%s: step times of the converted artifact", name)
                .isEqualTo(expectedHashes("expected-step-seconds.sha256").get(name));
        assertThat(stepSeconds(converted, rows)).isEqualTo(stepSeconds(loaded, rows));
        assertThat(steps).doesNotContain("error");
        for (WorkloadSpec row : rows) {
            double floor = PhysicalBounds.floorSecondsPerStep(row.withJob(row.job().asSingleStep()));
            double own = loaded.predictStepSeconds(row);
            assertThat(loaded.predict(row).secondsPerStep()).isEqualTo(Math.max(own, floor));
            assertThat(loaded.predict(row).raisedToPhysicalFloor()).isEqualTo(own < floor);
        }
        assertThat(predictions(converted, rows)).isEqualTo(predictions(loaded, rows));
    }

    static String stepSeconds(TrainedEstimator est, List<WorkloadSpec> rows) {
        StringBuilder sb = new StringBuilder("# row stepSeconds (Double.doubleToLongBits, hex)\n");
        for (int i = 0; i < rows.size(); i++) {
            try {
                sb.append(i).append(' ').append(hex(est.predictStepSeconds(rows.get(i)))).append('\n');
            } catch (RuntimeException ex) {
                sb.append(i).append(" error ").append(ex.getClass().getSimpleName()).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void theShippedDefaultKeepsTheFormatOneDefaultsRecipe() throws IOException {
        // The shipped default was retrained since (the model catalogue grew, its trees became monotone), so its
        // predictions moved; the rest of its recipe did not. That the converter preserves a model's predictions is
        // the test above.
        TrainedEstimator converted = ArtifactConverter.readVersion1(fixture("default.rte"));
        TrainedEstimator shipped = (TrainedEstimator) RuntimeEstimator.loadDefault();
        java.util.Map<String, String> withoutMonotone = new java.util.TreeMap<>(shipped.config().hyperParameters());
        assertThat(withoutMonotone.remove("monotone")).isEqualTo("true");
        assertThat(shipped.config().withHyperParameters(withoutMonotone)).isEqualTo(converted.config());
        assertThat(shipped.featureSet().id()).isEqualTo(converted.featureSet().id());
        // the format-1 default was trained on physics v2 and keeps it; the shipped one moved to v3, whose features
        // differ only in the activation fallback
        assertThat(converted.featureSet().version()).isEqualTo(2);
        assertThat(converted.rooflineVersion()).isEqualTo(2);
        assertThat(shipped.featureSet().version()).isEqualTo(3);
        assertThat(shipped.featureSet().names()).isEqualTo(converted.featureSet().names());
    }

    @Test
    void loadingFormatOneIsRefusedWithHowToConvert() {
        assertThatThrownBy(() -> RuntimeEstimator.load(fixture("cart.rte")))
                .isInstanceOfSatisfying(ArtifactFormatException.class, e -> {
                    assertThat(e.entry()).isEqualTo("manifest.json");
                    assertThat(e.field()).isEqualTo("formatVersion");
                    assertThat(e.getMessage()).contains("runtime-estimator convert").contains("ArtifactConverter");
                });
    }

    @Test
    void aFormatTwoArtifactIsNotConvertedAgain() throws IOException {
        Path v2 = dir.resolve("v2.rte");
        ArtifactConverter.convert(fixture("linear.rte"), v2);
        assertThatThrownBy(() -> ArtifactConverter.readVersion1(v2)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("formatVersion");
    }

    @Test
    void aFlippedByteInTheModelIsRefused() throws IOException {
        Path bad = write(rezip(fixture("cart.rte"), entries -> {
            byte[] model = entries.get(ArtifactConverter.MODEL_ENTRY).clone();
            model[model.length / 2] ^= 0x5a;
            entries.put(ArtifactConverter.MODEL_ENTRY, model);
            return entries;
        }));
        assertThatThrownBy(() -> ArtifactConverter.readVersion1(bad)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("corrupt").hasMessageContaining("SHA-256");
    }

    @Test
    void aNonTribuoClassInTheModelIsRefusedBeforeAnythingIsInstantiated() throws IOException {
        Path evil = write(rezip(fixture("cart.rte"), entries -> {
            try {
                org.tribuo.protos.core.ModelProto proto = org.tribuo.protos.core.ModelProto
                        .parseFrom(entries.get(ArtifactConverter.MODEL_ENTRY));
                byte[] model = proto.toBuilder().setClassName("java.lang.Runtime").build().toByteArray();
                entries.put(ArtifactConverter.MODEL_ENTRY, model);
                String manifest = new String(entries.get(ArtifactConverter.MANIFEST_ENTRY), StandardCharsets.UTF_8)
                        .replaceAll("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \""
                                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)) + "\"");
                entries.put(ArtifactConverter.MANIFEST_ENTRY, manifest.getBytes(StandardCharsets.UTF_8));
                return entries;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThatThrownBy(() -> ArtifactConverter.readVersion1(evil)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("java.lang.Runtime").hasMessageContaining("not a Tribuo model");
    }

    @Test
    void anEntryFormatOneDoesNotDefineIsRefused() throws IOException {
        Path extra = write(rezip(fixture("cart.rte"), entries -> {
            entries.put("padding.bin", new byte[100]);
            return entries;
        }));
        assertThatThrownBy(() -> ArtifactConverter.readVersion1(extra)).isInstanceOf(ArtifactFormatException.class)
                .hasMessageContaining("padding.bin");
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "v1", ".rte");
        Files.write(file, bytes);
        return file;
    }

    private static byte[] rezip(Path file, UnaryOperator<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
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
