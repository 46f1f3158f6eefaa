package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.UnknownHardwareException;
import java.io.IOException;

/**
 * Reads {@code hardware} either as an inline {@link HardwareSpec} object (the default record deserializer) or as
 * a string: a catalogue id or a driver-reported name, resolved with the catalogue passed as a reader attribute.
 */
final class HardwareReferenceDeserializer extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    /** Reader attribute holding the {@link HardwareCatalog} that resolves hardware names. */
    static final String CATALOG_ATTRIBUTE = HardwareCatalog.class.getName();

    HardwareReferenceDeserializer(JsonDeserializer<?> defaultDeserializer) {
        super(defaultDeserializer);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new HardwareReferenceDeserializer(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return super.deserialize(p, ctxt);
        }
        String name = p.getText();
        Object catalog = ctxt.getAttribute(CATALOG_ATTRIBUTE);
        if (!(catalog instanceof HardwareCatalog)) {
            throw new SpecValidationException("hardware", name,
                    "a hardware name needs a catalogue to resolve it; give an inline hardware object instead");
        }
        HardwareCatalog c = (HardwareCatalog) catalog;
        return c.find(name).orElseThrow(() -> new UnknownHardwareException("hardware", name, c.closeIds(name)));
    }
}
