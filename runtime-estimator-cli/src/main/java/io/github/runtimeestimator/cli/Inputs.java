package io.github.runtimeestimator.cli;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Reading what the user points the commands at, turning their mistakes into {@link UserInputException}s. */
final class Inputs {
    private Inputs() {
    }

    /** Rows of several measurement files, the rejected rows, and which file each row came from. */
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

    /** The built-in catalogue, with the user's file merged over it when given. */
    static HardwareCatalog catalog(Path extra) {
        if (extra == null) {
            return HardwareCatalog.builtIn();
        }
        try {
            return HardwareCatalog.builtIn().withOverrides(HardwareCatalog.fromJson(existingFile("catalog file", extra)));
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("catalog file " + extra + " is not a valid catalogue: " + oneLine(e), e);
        }
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
     * Reads schema-v1 CSV files; rows that break a rule (unknown hardware, say) become rejections. With
     * {@code --models}, rows of its models gain their descriptors and graph.
     */
    static Data measurements(List<Path> files, HardwareCatalog catalog, ReadMode mode, ModelCatalogOption models) {
        List<Measurement> rows = new ArrayList<>();
        List<RowRejection> rejections = new ArrayList<>();
        Map<Measurement, String> fileOf = new IdentityHashMap<>();
        for (Path file : files) {
            existingFile("data file", file);
            MeasurementReadResult result;
            try {
                result = MeasurementCsv.read(file, catalog, mode);
            } catch (IOException e) {
                throw new UserInputException(oneLine(e), e);
            }
            for (Measurement read : result.measurements()) {
                Measurement m = models.enrich(read);
                fileOf.put(m, file.toString());
                rows.add(m);
            }
            rejections.addAll(result.rejections());
        }
        return new Data(rows, rejections, fileOf);
    }

    /** The estimator in {@code model}, or the pretrained default when none is given. */
    static RuntimeEstimator estimator(EstimatorSource source, Path model) {
        if (model == null) {
            return source.loadDefault();
        }
        existingFile("model file", model);
        try {
            return source.load(model);
        } catch (IOException e) {
            throw new UserInputException("model file " + model + " cannot be loaded: " + oneLine(e), e);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
