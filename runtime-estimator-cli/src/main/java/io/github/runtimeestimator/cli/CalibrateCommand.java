package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.models.HeldOutMetrics;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.training.UserCalibration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Retrains an estimator's recipe on the data it was trained on plus your own measurements"
                + " (weighted towards yours), and keeps the result only if it is better on your rows it did not see.")
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "mine.csv", description = "your measurements (repeatable)")
    List<Path> data;

    @Option(names = "--base-data", paramLabel = "file.csv|dir", defaultValue = "datasets",
            description = "the data the estimator was trained on: files, or folders whose *.csv are read"
                    + " (default: ${DEFAULT-VALUE}, the repository's measurements)")
    List<Path> baseData;

    @Option(names = "--estimator", paramLabel = "base.rte",
            description = "the estimator to calibrate (default: the shipped one)")
    Path estimator;

    @Option(names = "--weight", defaultValue = "10", description = "how many times each of your rows counts"
            + " (default: ${DEFAULT-VALUE})")
    int weight;

    @Option(names = "--held-out-share", defaultValue = "0.3", description = "share of your models (or rows, with one"
            + " model) held out to judge the calibration (default: ${DEFAULT-VALUE})")
    double heldOutShare;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the held-out choice (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    ArtifactOutOption output;

    @Mixin
    HardwareCatalogOption catalog;

    @Mixin
    ModelCatalogOption models;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        UserCalibration.Options options;
        try {
            options = new UserCalibration.Options(weight, heldOutShare, seed);
        } catch (RuntimeException e) {
            throw new UserInputException(Inputs.oneLine(e), e);
        }
        List<Path> base = baseFiles();
        List<Path> inputs = new ArrayList<>(data);
        inputs.addAll(base);
        inputs.add(catalog.file);
        inputs.add(estimator);
        Path out = output.checkedAgainst(inputs);
        Inputs.requireWritableTempFolder();
        PrintWriter err = spec.commandLine().getErr();
        HardwareCatalog hardware = catalog.load();
        Inputs.Data mine = Inputs.measurements(data, hardware, ReadMode.LENIENT, models);
        Names.warnRejections(err, mine.rejections(), quiet);
        Inputs.Data shipped = Inputs.measurements(base, hardware, ReadMode.LENIENT, models);
        TrainedEstimator start = OperatorModels.estimator(estimator);
        if (!quiet) {
            err.println("calibrating " + start.describe().lines().findFirst().orElse("") + " on "
                    + shipped.okRows().size() + " base rows and " + mine.okRows().size() + " of yours x " + weight
                    + "...");
            err.flush();
        }
        UserCalibration.Result r;
        try {
            r = UserCalibration.calibrate(start, shipped.rows(), mine.rows(), options);
        } catch (io.github.runtimeestimator.core.SpecValidationException e) {
            throw new UserInputException(Inputs.oneLine(e), e);
        }
        r.estimator().save(out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("your held-out rows (" + r.heldOut() + "): median APE " + pct(r.before()) + " with "
                + (estimator == null ? "the shipped estimator" : estimator) + ", " + pct(r.after()) + " calibrated");
        o.println(r.calibrated() ? "calibrated on every row of yours -> " + out
                : "kept the estimator unchanged: calibration did not improve your held-out rows -> " + out);
        return Main.EXIT_OK;
    }

    private static String pct(HeldOutMetrics m) {
        return String.format(Locale.ROOT, "%.1f%% (%d rows)", 100 * m.medianApe(), m.rows());
    }

    /** The base files: each given file, and the {@code *.csv} directly inside each given folder. */
    private List<Path> baseFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : baseData) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UserInputException("--base-data " + p + ": no such file or folder; calibration retrains on"
                        + " the data the estimator was trained on (the repository's datasets/): pass its files");
            }
        }
        if (files.isEmpty()) {
            throw new UserInputException("--base-data " + baseData + ": no *.csv measurement files there");
        }
        return files;
    }
}
