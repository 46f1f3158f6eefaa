package io.github.runtimeestimator.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.catalog.UnknownModelException;
import java.io.IOException;

/**
 * Reads {@code model} either as an inline {@link ModelSpec} object (the default record deserializer) or as a
 * string: the name of a model catalogue entry, resolved with the catalogue passed as a reader attribute (the
 * built-in one when none is), giving the entry's parameters, FLOPs, descriptors and graph.
 */
final class ModelReferenceDeserializer extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    /** Reader attribute holding the {@link ModelCatalog} that resolves model names. */
    static final String CATALOG_ATTRIBUTE = ModelCatalog.class.getName();

    /** The catalogue used when the reader carries none (the module's, or the built-in one). */
    private final transient ModelCatalog fallback;

    ModelReferenceDeserializer(JsonDeserializer<?> defaultDeserializer, ModelCatalog fallback) {
        super(defaultDeserializer);
        this.fallback = fallback;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new ModelReferenceDeserializer(newDelegatee, fallback);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return super.deserialize(p, ctxt);
        }
        Object catalog = ctxt.getAttribute(CATALOG_ATTRIBUTE);
        ModelCatalog models = catalog instanceof ModelCatalog ? (ModelCatalog) catalog
                : fallback != null ? fallback : ModelCatalog.builtIn();
        String name = p.getText();
        return models.find(name).orElseThrow(() -> new UnknownModelException("model", name,
                models.closeNames(name, 5)));
    }
}
