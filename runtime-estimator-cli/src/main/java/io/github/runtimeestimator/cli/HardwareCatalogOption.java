package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --catalog FILE}, shared (as a picocli mixin) by every command that names hardware: a hardware catalogue
 * merged over the built-in one, so specs, rows and offers may name its devices.
 */
final class HardwareCatalogOption {
    @Option(names = "--catalog", paramLabel = "extra.json", description = "hardware catalogue merged over the built-in one")
    Path file;

    /** The built-in catalogue, with the file merged over it when given. */
    HardwareCatalog load() {
        if (file == null) {
            return HardwareCatalog.builtIn();
        }
        Inputs.existingFile("hardware catalogue file", file);
        try {
            return HardwareCatalog.builtIn().withOverrides(HardwareCatalog.fromJson(file));
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("hardware catalogue file " + file + " is not a valid catalogue: "
                    + Inputs.oneLine(e), e);
        }
    }
}
