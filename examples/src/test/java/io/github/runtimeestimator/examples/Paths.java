package io.github.runtimeestimator.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files the example tests read: this module's own, and the shared measurement datasets. */
final class Paths {
    private Paths() {
    }

    /** A file of the examples module ({@code offers.json}, {@code specs/...}); tests run in the module dir. */
    static Path example(String relative) {
        Path here = Path.of(relative);
        return Files.exists(here) ? here : Path.of("examples").resolve(relative);
    }

}
