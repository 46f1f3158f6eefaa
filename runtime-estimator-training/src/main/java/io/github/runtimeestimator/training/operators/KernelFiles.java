package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.KernelCsv;
import io.github.runtimeestimator.core.io.KernelFileFormat;
import io.github.runtimeestimator.core.io.KernelReadResult;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.core.io.RowRejection;
import io.github.runtimeestimator.models.operators.KernelDataFile;
import io.github.runtimeestimator.models.operators.KernelDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kernel files read for training or scoring the per-operator model: their ok measurements, the rows they
 * rejected, and their provenance as an artifact records it ({@link KernelDataSource}, one per file format: the
 * public sources with their repository, commit and licence as {@code ../shared/datasets/public/README.md} gives
 * them; {@code kernels-v1} files with the {@code source} values of their rows). Each file is named by its folder
 * and file name ({@code neusight-kernels/matmul.csv.gz}, {@code datasets/epyc2-kernels-cpu.csv}), never by an
 * absolute path, with the SHA-256 of its bytes.
 *
 * @param measurements ok rows of every file, in file order
 * @param rejections   the rows the reader refused
 * @param notOk        rows that read but carry no timing (oom, error)
 * @param sources      provenance, one per format present, in first-seen order
 */
public record KernelFiles(List<KernelMeasurement> measurements, List<RowRejection> rejections, int notOk,
                          List<KernelDataSource> sources) {

    /** NeuSight's artifact, as the shared data's README describes it. */
    static final KernelDataSource NEUSIGHT = new KernelDataSource("NeuSight (ASPLOS'25) kernel latencies",
            "github.com/sitar-lab/NeuSight", "6945927d9afcca2b9daf021f8395e53edc5b4eef", "MIT", List.of(), 0);
    /** Vidur's profiles, as the shared data's README describes them. */
    static final KernelDataSource VIDUR = new KernelDataSource("Vidur (MLSys'24) LLM operator profiles",
            "github.com/microsoft/vidur", "7d47513363ec447a741ac5e47241580b47724fbf", "MIT", List.of(), 0);

    /**
     * Copies the lists.
     *
     * @param measurements ok rows of every file, in file order
     * @param rejections   the rows the reader refused
     * @param notOk        rows that read but carry no timing
     * @param sources      provenance, one per format present
     */
    public KernelFiles {
        measurements = List.copyOf(measurements);
        rejections = List.copyOf(rejections);
        sources = List.copyOf(sources);
    }

    /**
     * Reads the files (any of the kernel formats, gzipped or not) leniently: a row that breaks a rule becomes a
     * rejection; a file whose header is not a kernel format fails.
     *
     * @param files   the kernel files, in the order their rows are kept
     * @param catalog the hardware catalogue the rows' devices are resolved in
     * @return the ok rows, rejections, count of rows that are not ok, and provenance
     * @throws IOException when a file cannot be read
     */
    public static KernelFiles read(List<Path> files, HardwareCatalog catalog) throws IOException {
        Objects.requireNonNull(catalog, "catalog");
        List<KernelMeasurement> ok = new ArrayList<>();
        List<RowRejection> rejections = new ArrayList<>();
        int notOk = 0;
        Map<KernelFileFormat, List<KernelDataFile>> filesByFormat = new EnumMap<>(KernelFileFormat.class);
        Map<KernelFileFormat, Set<String>> rowSources = new EnumMap<>(KernelFileFormat.class);
        List<KernelFileFormat> order = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            KernelReadResult result = KernelCsv.read(new ByteArrayInputStream(bytes),
                    String.valueOf(file.getFileName()), catalog, ReadMode.LENIENT);
            String sha = HexFormat.of().formatHex(sha256().digest(bytes));
            List<KernelMeasurement> fileOk = result.okMeasurements();
            ok.addAll(fileOk);
            rejections.addAll(result.rejections());
            notOk += result.measurements().size() - fileOk.size();
            if (!filesByFormat.containsKey(result.format())) {
                order.add(result.format());
            }
            filesByFormat.computeIfAbsent(result.format(), f -> new ArrayList<>())
                    .add(new KernelDataFile(displayName(file), sha, fileOk.size()));
            Set<String> seen = rowSources.computeIfAbsent(result.format(), f -> new LinkedHashSet<>());
            fileOk.forEach(m -> seen.add(m.source()));
        }
        List<KernelDataSource> sources = new ArrayList<>();
        for (KernelFileFormat format : order) {
            List<KernelDataFile> read = filesByFormat.get(format);
            long rows = read.stream().mapToLong(KernelDataFile::rows).sum();
            KernelDataSource known = format == KernelFileFormat.NEUSIGHT ? NEUSIGHT
                    : format == KernelFileFormat.VIDUR ? VIDUR : null;
            if (known != null) {
                sources.add(new KernelDataSource(known.name(), known.repository(), known.commit(), known.licence(),
                        read, rows));
            } else {
                Set<String> named = new LinkedHashSet<>(rowSources.get(format));
                named.remove("");
                sources.add(new KernelDataSource("kernels-v1 measurements" + (named.isEmpty() ? ""
                        : " (" + String.join(", ", named) + ")"), "", "", "", read, rows));
            }
        }
        return new KernelFiles(ok, rejections, notOk, sources);
    }

    /** The file's folder and name ({@code datasets/epyc2-kernels-cpu.csv}), or its name alone at a root. */
    static String displayName(Path file) {
        Path name = file.getFileName();
        Path parent = file.toAbsolutePath().normalize().getParent();
        Path folder = parent == null ? null : parent.getFileName();
        return folder == null ? String.valueOf(name) : folder + "/" + name;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
