package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.RuntimeEstimatorException;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.MeasurementReadResult;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.core.io.RowRejection;
import io.github.runtimeestimator.core.io.SpecFormatException;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.features.PhysicalBounds;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading what the user points the commands at, turning their mistakes into {@link UserInputException}s. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Rows of several measurement files, the rejected rows (those the reader refused and those whose time is not
     * physically plausible), and which file each row came from.
     */
    record Data(List<Measurement> rows, List<RowRejection> rejections, Map<Measurement, String> fileOf) {
        List<Measurement> okRows() {
            return rows.stream().filter(Measurement::isOk).toList();
        }
    }

    static Path existingFile(String what, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(what + " not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new UserInputException(what + " is not readable: " + file);
        }
        return file;
    }

    /**
     * Reads a workload spec file with {@link SpecJson#readWorkload(Path, HardwareCatalog, ModelCatalog)}:
     * {@code hardware} is a catalogue id (or reported name) or an inline object, {@code model} a model catalogue name
     * or an inline object (enriched from {@code --models} when given). A spec that breaks a rule fails with its JSON
     * path, field, value and rule.
     */
    static WorkloadSpec workload(Path file, HardwareCatalog catalog, ModelCatalogOption models) {
        existingFile("spec file", file);
        ModelCatalog modelCatalog = models.catalog();
        try {
            return models.enrich(SpecJson.readWorkload(file, catalog, modelCatalog));
        } catch (SpecFormatException e) {
            throw new UserInputException("spec file " + file + " is not a valid workload spec: " + oneLine(e), e);
        } catch (IOException e) {
            throw new UserInputException("spec file " + file + " cannot be read: " + oneLine(e), e);
        }
    }

    /**
     * Reads schema-v1 CSV files; rows that break a rule (unknown hardware, say) become rejections, and so do ok
     * rows whose time is not physically plausible ({@link PhysicalBounds#implausibility}: below the step's
     * physical floor or above a day per step), naming file and line. In {@link ReadMode#STRICT} the first of
     * either fails the command. A row that names a catalogued model but gives neither parameters nor FLOPs takes them
     * (and the descriptors and graph) from the model catalogue, the built-in one with {@code --models} merged over it;
     * with {@code --models}, rows of its models also gain their descriptors and graph.
     */
    static Data measurements(List<Path> files, HardwareCatalog catalog, ReadMode mode, ModelCatalogOption models) {
        List<Measurement> rows = new ArrayList<>();
        List<RowRejection> rejections = new ArrayList<>();
        Map<Measurement, String> fileOf = new IdentityHashMap<>();
        for (Path file : files) {
            existingFile("data file", file);
            MeasurementReadResult result;
            try {
                result = MeasurementCsv.read(file, catalog, models.catalog(), mode);
            } catch (IOException | RuntimeEstimatorException e) {
                throw new UserInputException(oneLine(e), e);
            }
            rejections.addAll(result.rejections());
            String name = String.valueOf(file.getFileName());
            for (int i = 0; i < result.measurements().size(); i++) {
                Measurement m = models.enrich(result.measurements().get(i));
                Optional<String> implausible = PhysicalBounds.implausibility(m);
                if (implausible.isPresent()) {
                    RowRejection r = new RowRejection(name, result.lineOf(i), "time_s", String.valueOf(m.seconds()),
                            implausible.get());
                    if (mode == ReadMode.STRICT) {
                        throw new UserInputException(r.toString());
                    }
                    rejections.add(r);
                    continue;
                }
                fileOf.put(m, file.toString());
                rows.add(m);
            }
        }
        return new Data(rows, rejections, fileOf);
    }

    /**
     * Checks that the JVM's temporary folder takes a file: XGBoost unpacks its native library there when a
     * model is trained or loaded, and fails deep inside a static initializer when it cannot.
     */
    static void requireWritableTempFolder() {
        String property = System.getProperty("java.io.tmpdir");
        Path folder = Path.of(property == null ? "" : property);
        try {
            Files.delete(Files.createTempFile(folder, "runtime-estimator", ".probe"));
        } catch (IOException | RuntimeException e) {
            String why = e instanceof NoSuchFileException ? "does not exist"
                    : e instanceof AccessDeniedException ? "is not writable" : "cannot take a file (" + oneLine(e) + ")";
            throw new UserInputException("the temporary folder " + folder + " (java.io.tmpdir) " + why
                    + "; point -Djava.io.tmpdir at a writable folder, e.g. in JAVA_TOOL_OPTIONS", e);
        }
    }

    /** The estimator in {@code model}, or the pretrained default when none is given. */
    static RuntimeEstimator estimator(EstimatorSource source, Path model) {
        requireWritableTempFolder();
        if (model == null) {
            return source.loadDefault();
        }
        existingFile("model file", model);
        try {
            return source.load(model);
        } catch (IOException | RuntimeEstimatorException e) {
            throw new UserInputException("model file " + model + " cannot be loaded: " + oneLine(e), e);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
