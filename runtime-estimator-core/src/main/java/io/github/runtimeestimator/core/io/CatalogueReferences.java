package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;

/**
 * Wraps the record deserializers of the two spec types that may be given by name ({@link HardwareSpec},
 * {@link ModelSpec}) so that a name resolves against a catalogue: the reader's attribute when it carries one, else
 * the fallback given here. Used by {@link SpecJson} (no fallbacks: its readers always carry the catalogues) and by
 * {@link WorkloadJsonModule} (the module's catalogues).
 */
final class CatalogueReferences extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;
    private final transient HardwareCatalog hardware;
    private final transient ModelCatalog models;

    /** {@code hardware} null: a hardware name needs the reader's catalogue; {@code models} null: the built-in one. */
    CatalogueReferences(HardwareCatalog hardware, ModelCatalog models) {
        this.hardware = hardware;
        this.models = models;
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                  JsonDeserializer<?> deserializer) {
        if (description.getBeanClass() == HardwareSpec.class) {
            return new HardwareReferenceDeserializer(deserializer, hardware);
        }
        return description.getBeanClass() == ModelSpec.class
                ? new ModelReferenceDeserializer(deserializer, models) : deserializer;
    }
}
