package io.github.runtimeestimator.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --out} and {@code --force}, alike on every command that writes an artifact ({@code train},
 * {@code calibrate}, {@code convert}, {@code kernels train}); {@link OutputFile} holds the rules.
 */
final class ArtifactOutOption {
    @Option(names = "--out", required = true, paramLabel = "file.rte",
            description = "where to write the artifact; an existing .rte is replaced, another existing file only"
                    + " with --force, an input of this command never")
    Path out;

    @Option(names = "--force", description = "replace --out even when it exists and is not an .rte artifact")
    boolean force;

    /** {@code --out}, checked against {@link OutputFile}'s rules before any work is done. */
    Path checkedAgainst(List<Path> inputs) {
        return OutputFile.check("--out", out, force, inputs);
    }
}
