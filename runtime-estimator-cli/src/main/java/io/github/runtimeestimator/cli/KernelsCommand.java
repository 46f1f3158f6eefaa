package io.github.runtimeestimator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code runtime-estimator kernels}: the per-operator model ({@code docs/operator-model.md}). */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "The per-operator model: score it on a kernel file (evaluate), or train one and store it in"
                + " an .rte artifact (train).",
        subcommands = {KernelsEvaluateCommand.class, KernelsTrainCommand.class})
final class KernelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
