package io.github.runtimeestimator.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Files the example tests read: this module's own, and the shared measurement datasets. */
final class Paths {
    private Paths() {
    }

    /** A file of the examples module ({@code offers.json}, {@code specs/...}); tests run in the module dir. */
    static Path example(String relative) {
        Path here = Path.of(relative);
        return Files.exists(here) ? here : Path.of("examples").resolve(relative);
    }

    /**
     * The shared measurement datasets: system property {@code rte.shared.datasets}, else {@code shared/datasets}
     * found walking up from the working directory (or as a sibling), else {@code /work/shared/datasets}.
     */
    static Path datasets() {
        String prop = System.getProperty("rte.shared.datasets");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/datasets"), dir.resolveSibling("shared/datasets"))) {
                if (Files.isRegularFile(candidate.resolve("h100-sxm-pytorch.csv"))) {
                    return candidate;
                }
            }
        }
        return Path.of("/work/shared/datasets");
    }
}
