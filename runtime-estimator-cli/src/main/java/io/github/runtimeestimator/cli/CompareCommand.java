package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.features.FeatureSets;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.models.operators.OperatorGraphFeatures;
import io.github.runtimeestimator.training.EstimatorTrainer;
import io.github.runtimeestimator.training.TrainingOptions;
import io.github.runtimeestimator.training.evaluation.Candidate;
import io.github.runtimeestimator.training.evaluation.Comparison;
import io.github.runtimeestimator.training.internal.ComparisonFormat;
import io.github.runtimeestimator.training.evaluation.ComparisonTable;
import io.github.runtimeestimator.training.evaluation.ImportanceTable;
import io.github.runtimeestimator.training.evaluation.Split;
import io.github.runtimeestimator.training.evaluation.Splits;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Cross-validates every trainer x feature set (plus the study's seed features on raw "
                + "seconds) on grouped splits and prints one table, overall and per phase.")
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "file.csv", description = "measurements (repeatable)")
    List<Path> data;

    @Option(names = "--split", split = ",", defaultValue = "leave-model-out",
            description = "leave-model-out, leave-family-out, leave-hardware-out, leave-run-out, kfold or file "
                    + "(leave one --data file out; one file: leave one run out); comma-separated (default: ${DEFAULT-VALUE})")
    List<String> splits;

    @Option(names = "--trainers", split = ",", description = "trainers to compare (default: all)")
    List<String> trainers;

    @Option(names = "--features", split = ",", description = "feature sets to compare (default: all)")
    List<String> features;

    @Option(names = "--folds", defaultValue = "5", description = "k of the kfold split (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "seed of training and shuffles (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--importance", arity = "0..1", fallbackValue = "3", defaultValue = "0", paramLabel = "repeats",
            description = "add permutation importance tables, shuffling each spec field this often (default off; 3 when given without a value)")
    int importance;

    @Option(names = "--view", split = ",", defaultValue = "described",
            description = "how held-out rows describe their model: described (as measured, the catalogue knows them)"
                    + " or undescribed (only name, family, parameters, FLOPs and input shape, a name no catalogue"
                    + " knows, the held-out models left out of the references descriptors are inferred from);"
                    + " comma-separated (default: ${DEFAULT-VALUE})")
    List<String> views;

    @Option(names = "--targets", split = ",", paramLabel = "log|ratio|opsum|seconds",
            description = "targets to compare (default: each feature set's usual ones)")
    List<TrainCommand.TargetOption> targets;

    @Option(names = "--hyper", split = ",", paramLabel = "key=value",
            description = "hyper-parameters of every candidate, e.g. trees=100,monotone=true (default: each"
                    + " trainer's own)")
    Map<String, String> hyperParameters;

    @Option(names = "--per-fold", description = "add a table per candidate and split: each held-out group's rows,"
            + " median APE and interval coverage")
    boolean perFold;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "also write PNG charts there: per candidate and split, predicted against measured time"
                    + " (log-log, with each interval) and, with --importance, the permutation importance in seconds")
    Path plots;

    @Mixin
    FormatOption format;

    @Mixin
    HardwareCatalogOption catalog;

    @Mixin
    ModelCatalogOption models;

    @Mixin
    OperatorModelOption operatorModel;

    @Option(names = "--model-intervals-only", description = "calibrate each fold's intervals on folds by model only,"
            + " not also by family and by device: the same point estimates and median APE, interval coverage of a"
            + " new model only, several times faster")
    boolean modelIntervalsOnly;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        List<String> trainerNames = trainers == null ? EstimatorTrainer.trainerNames() : trainers;
        List<String> featureSets = features == null ? FeatureSets.ids() : features;
        trainerNames.forEach(Names::requireTrainer);
        featureSets.forEach(Names::requireFeatureSet);
        Inputs.requireWritableTempFolder();
        PrintWriter err = spec.commandLine().getErr();
        Inputs.Data rows = Inputs.measurements(data, catalog.load(), ReadMode.LENIENT, models);
        Names.warnRejections(err, rows.rejections(), quiet);
        List<Split> resolved = new ArrayList<>();
        for (String id : splits) {
            Split split = split(id.trim(), rows);
            for (String view : views) {
                switch (view.trim()) {
                    case "described":
                        resolved.add(split);
                        break;
                    case "undescribed":
                        resolved.add(Splits.undescribed(split));
                        break;
                    default:
                        throw new UserInputException("unknown view \"" + view + "\": must be described or undescribed");
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (TrainerConfig plain : Comparison.configs(trainerNames, featureSets, seed)) {
            if (targets != null && targets.stream().noneMatch(t -> t.target == plain.target())) {
                continue;
            }
            TrainerConfig config = hyperParameters == null ? plain : plain.withHyperParameters(hyperParameters);
            candidates.add(OperatorGraphFeatures.ID.equals(config.featureSet()) || modelIntervalsOnly
                    ? Candidate.of(config, operatorModel.features(config.featureSet()),
                    TrainingOptions.defaults().withGroupedIntervals(!modelIntervalsOnly))
                    : new Candidate(config.trainer(), config.featureSet(), config.target(),
                    fold -> main.estimators.fit(config, fold)));
        }
        ComparisonTable table = Comparison.run(rows.rows(), resolved, candidates, importance, seed,
                new StderrProgress(err, quiet));
        if (plots != null) {
            writePlots(table);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.json() ? ComparisonFormat.toJsonText(ComparisonFormat.tableJson(table)) + "\n"
                : ComparisonFormat.tableMarkdown(table) + (perFold ? ComparisonFormat.foldsMarkdown(table) : ""));
        out.flush();
        return Main.EXIT_OK;
    }

    private void writePlots(ComparisonTable table) {
        try {
            for (ComparisonTable.Evaluation e : table.evaluations()) {
                String name = Plots.fileName(e.split() + "-" + e.candidate());
                Plots.scatter(plots.resolve("scatter-" + name + ".png"), e.candidate() + " on " + e.split(),
                        e.result().predictions());
            }
            for (ImportanceTable t : table.importance()) {
                String name = Plots.fileName(t.split() + "-" + t.candidate());
                Plots.importance(plots.resolve("importance-" + name + ".png"), "Permutation importance, "
                        + t.candidate() + " on " + t.split(), t.importance());
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new UserInputException("--plots " + plots + ": cannot write the charts: " + Inputs.oneLine(e), e);
        }
    }

    private Split split(String id, Inputs.Data rows) {
        if (id.equals("kfold")) {
            return Splits.kFold(folds, seed);
        }
        if (id.equals("file")) {
            if (data.size() < 2) {
                return Splits.leaveOneRunOut();
            }
            return Splits.leaveOneGroupOut("leave-file-out", "file", m -> rows.fileOf().get(m));
        }
        try {
            return Splits.byId(id, seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("unknown split \"" + id + "\": must be one of " + Splits.IDS
                    + ", kfold-<k> or file");
        }
    }
}
