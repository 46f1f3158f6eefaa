package io.github.runtimeestimator.cli;

/** How results are printed. */
enum OutputFormat {
    json, markdown
}
