package io.github.runtimeestimator.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shared measurement files: system property {@code rte.shared.datasets}, else {@code shared/datasets}
 * (or a sibling {@code shared/datasets}) walking up from the working directory, else
 * {@code /work/shared/datasets}.
 */
final class SharedDatasets {
    private SharedDatasets() {
    }

    static Path dir() {
        String property = System.getProperty("rte.shared.datasets");
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path inside = d.resolve("shared").resolve("datasets");
            if (Files.isDirectory(inside)) {
                return inside;
            }
            if (d.getParent() != null) {
                Path sibling = d.getParent().resolve("shared").resolve("datasets");
                if (Files.isDirectory(sibling)) {
                    return sibling;
                }
            }
        }
        return Paths.get("/work/shared/datasets");
    }

    static Path file(String name) {
        return dir().resolve(name);
    }
}
