package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.io.SpecJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predicts the runtime of the workload in a spec file and prints the estimate as JSON.")
final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", required = true, paramLabel = "spec.json",
            description = "workload spec: model, job, precision, hardware (a catalogue id or an object)")
    Path specFile;

    @Option(names = "--model", paramLabel = "file.rte", description = "estimator artifact (default: the pretrained one)")
    Path model;

    @Option(names = "--catalog", paramLabel = "extra.json", description = "hardware catalogue merged over the built-in one")
    Path catalog;

    @Mixin
    ModelCatalogOption models;

    @Override
    public Integer call() {
        WorkloadSpec workload = Inputs.workload(specFile, Inputs.catalog(catalog), models);
        RuntimeEstimator estimator = Inputs.estimator(main.estimators, model);
        Estimate estimate = estimator.predict(workload);
        spec.commandLine().getOut().println(SpecJson.writeEstimate(estimate));
        return Main.EXIT_OK;
    }
}
