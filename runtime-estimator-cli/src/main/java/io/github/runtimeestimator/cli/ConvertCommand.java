package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.training.ArtifactConverter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a format-1 .rte artifact (a Tribuo model) into format 2 (the compiled model, read in"
                + " pure Java); the converted estimator predicts exactly what the old one did.",
                "Convert only artifacts you trust: reading format 1 runs Tribuo's and XGBoost's model parsers."})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--estimator", required = true, paramLabel = "old.rte", description = "the format-1 artifact")
    Path in;

    @Mixin
    ArtifactOutOption output;

    @Override
    public Integer call() throws IOException {
        Path out = output.checkedAgainst(List.of(in));
        TrainedEstimator estimator = ArtifactConverter.convert(in, out);
        spec.commandLine().getOut().println("converted " + in + " -> " + out + ": "
                + estimator.describe().lines().findFirst().orElse(""));
        return Main.EXIT_OK;
    }
}
