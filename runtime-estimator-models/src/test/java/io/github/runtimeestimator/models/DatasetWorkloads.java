package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.MeasurementReadResult;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The workloads of every row of every shipped dataset (status and phase regardless), read once. */
final class DatasetWorkloads {
    private static List<Measurement> rows;

    private DatasetWorkloads() {
    }

    /** Every row of every {@code datasets/*.csv}, in file-name then row order. */
    static synchronized List<Measurement> measurements() {
        if (rows == null) {
            List<Measurement> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(RepositoryFiles.datasets())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                    MeasurementReadResult r = MeasurementCsv.read(file, HardwareCatalog.builtIn(), ReadMode.LENIENT);
                    if (!r.rejections().isEmpty()) {
                        throw new IllegalStateException(file + " has rejected rows: " + r.rejections());
                    }
                    out.addAll(r.measurements());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rows = List.copyOf(out);
        }
        return rows;
    }

    /** The workload of every row. */
    static List<WorkloadSpec> all() {
        return measurements().stream().map(Measurement::workload).toList();
    }
}
