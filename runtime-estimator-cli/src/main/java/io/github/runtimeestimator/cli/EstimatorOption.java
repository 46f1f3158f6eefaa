package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.RuntimeEstimator;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --estimator file.rte}, shared (as a picocli mixin) by every command that predicts: the estimator artifact
 * to use, the pretrained default when absent. {@code --model} is its former name, kept as a deprecated alias for
 * one release: in every spec "model" names the network, so the artifact flag has its own word now. Using the old
 * name prints one warning on standard error.
 */
final class EstimatorOption {
    @Option(names = "--estimator", paramLabel = "file.rte",
            description = "estimator artifact (default: the pretrained one)")
    Path file;

    @Option(names = "--model", paramLabel = "file.rte", hidden = true,
            description = "deprecated alias of --estimator")
    Path deprecatedFile;

    /** The artifact named, or null for the pretrained default; warns once on {@code err} for the old name. */
    Path file(PrintWriter err) {
        if (file != null && deprecatedFile != null) {
            throw new UserInputException("give --estimator only (--model is its deprecated alias), not both");
        }
        if (deprecatedFile != null) {
            err.println("runtime-estimator: --model is deprecated for the estimator artifact; use --estimator "
                    + "(\"model\" names the network in a spec)");
            return deprecatedFile;
        }
        return file;
    }

    /** The estimator: the artifact named, or the pretrained default. */
    RuntimeEstimator load(EstimatorSource source, PrintWriter err) {
        return Inputs.estimator(source, file(err));
    }
}
