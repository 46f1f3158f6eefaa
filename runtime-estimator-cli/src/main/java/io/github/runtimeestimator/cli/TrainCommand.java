package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.training.EstimatorTrainer;
import io.github.runtimeestimator.training.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains an estimator on schema-v1 measurement files and writes it as an .rte artifact.")
final class TrainCommand implements Callable<Integer> {
    /** What the regressor is fitted on, as typed. */
    enum TargetOption {
        log(Target.LOG_SECONDS), seconds(Target.SECONDS), ratio(Target.LOG_RATIO_TO_ROOFLINE),
        opsum(Target.LOG_RATIO_TO_OPERATOR_SUM);

        final Target target;

        TargetOption(Target target) {
            this.target = target;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "file.csv", description = "measurements (repeatable)")
    List<Path> data;

    @Option(names = "--trainer", defaultValue = "xgboost", description = "linear, xgboost, knn, cart or forest (default: ${DEFAULT-VALUE})")
    String trainer;

    @Option(names = "--features", defaultValue = "physics", description = "feature set: seed, physics or opgraph (with --operator-model) (default: ${DEFAULT-VALUE})")
    String features;

    @Option(names = "--target", defaultValue = "log",
            description = "log (log seconds), seconds (raw, the study's setup) or ratio (log of time over the roofline "
                    + "time; transfers to faster hardware) or opsum (log of time over the operator sum; with --features"
                    + " opgraph) (default: ${DEFAULT-VALUE})")
    TargetOption target;

    @Option(names = "--hyper", split = ",", paramLabel = "key=value",
            description = "hyper-parameters of the trainer, e.g. trees=100,monotone=true (default: the trainer's own)")
    Map<String, String> hyperParameters;

    @Option(names = "--seed", defaultValue = "42", description = "training seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    ArtifactOutOption output;

    @Mixin
    HardwareCatalogOption catalog;

    @Mixin
    ModelCatalogOption models;

    @Mixin
    OperatorModelOption operatorModel;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        Names.requireTrainer(trainer);
        Names.requireFeatureSet(features);
        List<Path> inputs = new ArrayList<>(data);
        inputs.add(catalog.file);
        Path out = output.checkedAgainst(inputs);
        Inputs.requireWritableTempFolder();
        PrintWriter err = spec.commandLine().getErr();
        Inputs.Data rows = Inputs.measurements(data, catalog.load(), ReadMode.LENIENT, models);
        Names.warnRejections(err, rows.rejections(), quiet);
        if (rows.okRows().isEmpty()) {
            throw new UserInputException("no ok rows to train on in " + data);
        }
        TrainerConfig config = TrainerConfig.of(trainer, features)
                .withTarget(target.target).withSeed(seed)
                .withHyperParameters(hyperParameters == null ? Map.of() : hyperParameters);
        if (!quiet) {
            err.println("training " + trainer + "/" + features + " on " + rows.okRows().size() + " ok rows...");
            err.flush();
        }
        TrainedEstimator estimator = EstimatorTrainer.train(config, operatorModel.features(features), rows.rows(),
                TrainingOptions.defaults());
        estimator.save(out);
        spec.commandLine().getOut().println("trained " + estimator.describe() + " on " + rows.okRows().size()
                + " ok rows (" + rows.rejections().size() + " rejected) -> " + out);
        return Main.EXIT_OK;
    }
}
