package io.github.runtimeestimator.cli;

import picocli.CommandLine.Option;

/**
 * {@code --format}, alike on every command that prints a result: JSON by default (what a scheduler or a script
 * reads, and the same documents the service answers with), Markdown for people.
 */
final class FormatOption {
    @Option(names = "--format", defaultValue = "json", paramLabel = "json|markdown",
            description = "json or markdown (default: ${DEFAULT-VALUE})")
    OutputFormat format = OutputFormat.json;

    /** Whether the result is printed as JSON. */
    boolean json() {
        return format == OutputFormat.json;
    }
}
