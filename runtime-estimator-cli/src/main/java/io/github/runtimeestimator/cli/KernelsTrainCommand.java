package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.operators.FamilyModel;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.training.operators.KernelFiles;
import io.github.runtimeestimator.training.operators.OperatorModelTrainer;
import io.github.runtimeestimator.training.operators.OperatorTrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the per-operator model on kernel measurements (kernels-v1, NeuSight or Vidur files,"
                + " gzipped or not) and stores it, with the files' provenance, in an .rte artifact: a copy of"
                + " --estimator (default: the shipped estimator) that also holds the per-operator model.",
                "Estimates of the copy are those of --estimator; the per-operator model is what 'kernels evaluate"
                        + " --model' scores."})
final class KernelsTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "kernels.csv",
            description = "kernel measurements (repeatable)")
    List<Path> data;

    @Mixin
    ArtifactOutOption output;

    @Option(names = "--estimator", paramLabel = "base.rte",
            description = "the estimator the artifact carries besides the per-operator model (default: the shipped"
                    + " one)")
    Path estimator;

    @Option(names = "--trees", defaultValue = "300", description = "boosting rounds per family (default: ${DEFAULT-VALUE})")
    int trees;

    @Option(names = "--depth", defaultValue = "8", description = "depth of each tree (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--max-rows-per-device", defaultValue = "0", paramLabel = "N",
            description = "train on a seeded sample of at most N rows per device and family; 0 for all (default:"
                    + " ${DEFAULT-VALUE})")
    int maxRowsPerDevice;

    @Option(names = "--seed", defaultValue = "42", description = "training seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "XGBoost threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Mixin
    HardwareCatalogOption catalog;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        List<Path> inputs = new ArrayList<>(data);
        inputs.add(estimator);
        inputs.add(catalog.file);
        Path out = output.checkedAgainst(inputs);
        OperatorTrainingOptions options = OperatorTrainingOptions.DEFAULTS.withTrees(trees).withMaxDepth(depth)
                .withMaxRowsPerDevice(maxRowsPerDevice).withSeed(seed).withThreads(threads);
        TrainedEstimator base = OperatorModels.estimator(estimator);
        Inputs.requireWritableTempFolder();
        PrintWriter err = spec.commandLine().getErr();
        KernelFiles files = OperatorModels.read(data, catalog.load());
        Names.warnRejections(err, files.rejections(), quiet);
        if (files.measurements().isEmpty()) {
            throw new UserInputException("no ok kernel rows to train on in " + data);
        }
        if (!quiet) {
            err.println("training the per-operator model on " + files.measurements().size() + " ok rows...");
            err.flush();
        }
        OperatorModel model = new OperatorModelTrainer(options).train(files.measurements(), files.sources());
        base.withOperatorModel(model).save(out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "trained the per-operator model on %d ok rows (%d rejected, %d not ok) of %s -> %s%n",
                files.measurements().size(), files.rejections().size(), files.notOk(), data, out);
        for (OperatorFamily f : model.families()) {
            FamilyModel m = model.family(f).orElseThrow();
            o.printf(Locale.ROOT, "  %s: trees fitted on %d rows of %d devices (rows mostly launch floor left out)%n",
                    f.id(), m.trainingRows(), m.trainedOn().size());
        }
        o.flush();
        return Main.EXIT_OK;
    }
}
