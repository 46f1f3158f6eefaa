package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --models FILE}, shared (as a picocli mixin) by every command that reads specs or measurements: a model
 * catalogue merged over the built-in one. Specs may then name its models ({@code "model": "my_net"}), and specs
 * and measurement rows of its models gain their descriptors and graph ({@link ModelCatalog#enrich}). Without the
 * option nothing is enriched by the command line, as before the option existed.
 */
final class ModelCatalogOption {
    @Option(names = "--models", paramLabel = "models.json",
            description = "model catalogue merged over the built-in one (same name replaces): specs may name its "
                    + "models, and specs and rows of its models gain their descriptors and graph")
    Path file;

    private ModelCatalog catalog;

    /** The built-in catalogue, with the file merged over it when given. */
    ModelCatalog catalog() {
        if (catalog == null) {
            catalog = file == null ? ModelCatalog.builtIn() : ModelCatalog.builtIn().withOverrides(read(file));
        }
        return catalog;
    }

    /** The user's catalogue file on its own. */
    static ModelCatalog read(Path file) {
        Inputs.existingFile("model catalogue file", file);
        try {
            return ModelCatalog.fromJson(file);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("model catalogue file " + file + " is not a valid catalogue: "
                    + Inputs.oneLine(e), e);
        }
    }

    /** The model with what the merged catalogue knows of it, when {@code --models} was given. */
    ModelSpec enrich(ModelSpec model) {
        return file == null ? model : catalog().enrich(model);
    }

    WorkloadSpec enrich(WorkloadSpec workload) {
        ModelSpec enriched = enrich(workload.model());
        return enriched == workload.model() ? workload : workload.withModel(enriched);
    }

    Measurement enrich(Measurement row) {
        WorkloadSpec enriched = enrich(row.workload());
        return enriched == row.workload() ? row : row.withWorkload(enriched);
    }
}
