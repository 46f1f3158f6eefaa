package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.databind.module.SimpleModule;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import java.util.Objects;

/**
 * A Jackson module that lets any {@link com.fasterxml.jackson.databind.ObjectMapper} (a Spring or Micronaut
 * application's, say) bind {@link io.github.runtimeestimator.core.WorkloadSpec} JSON as {@link SpecJson} reads it:
 * {@code "hardware"} as a catalogue id, a driver-reported name, {@code "local"} or an id with overrides, and
 * {@code "model"} as a catalogue name, besides inline objects.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new WorkloadJsonModule());
 * WorkloadSpec spec = mapper.readValue(json, WorkloadSpec.class);
 * }</pre>
 *
 * <p>The specs validate themselves as they are built, so a bad value fails with the field and the rule
 * (wrapped by Jackson in its own exception). {@link SpecJson} remains the strict reader for files a user hands over:
 * it also refuses duplicate keys, non-finite numbers and oversized documents, and names the JSON path of a fault;
 * this module leaves those choices to the mapper it is registered on.
 */
public final class WorkloadJsonModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** Resolves names with the built-in hardware and model catalogues. */
    public WorkloadJsonModule() {
        this(HardwareCatalog.builtIn(), ModelCatalog.builtIn());
    }

    /**
     * Resolves {@code hardware} names with {@code hardware} and {@code model} names with {@code models}.
     *
     * @param hardware the hardware catalogue; not null
     * @param models   the model catalogue; not null
     */
    public WorkloadJsonModule(HardwareCatalog hardware, ModelCatalog models) {
        super("runtime-estimator-workload");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(models, "models");
        setDeserializerModifier(new CatalogueReferences(hardware, models));
    }
}
