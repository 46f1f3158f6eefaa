package io.github.runtimeestimator.models.operators.internal;

import io.github.runtimeestimator.core.graph.Embedding;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorFamily;

/** Embedding lookups: rows gathered, their width and the table's size. */
final class EmbeddingFeatures extends FamilyFeatures {

    @Override
    OperatorFamily family() {
        return OperatorFamily.EMBEDDING;
    }

    /** Embeddings leave the device figures out (see {@link FamilyFeatures#deviceFiguresAsFeatures()}). */
    @Override
    boolean deviceFiguresAsFeatures() {
        return false;
    }

    @Override
    Operator example() {
        return new Embedding(512, 768, 30522);
    }

    @Override
    void shape(Operator operator, DeviceFigures device, FeatureSink out) {
        Embedding e = (Embedding) operator;
        out.put("em.log2.lookups", FeatureSink.log2(e.lookups()));
        out.put("em.log2.dim", FeatureSink.log2(e.dim()));
        out.put("em.log2.vocab", FeatureSink.log2(e.vocab()));
        out.put("em.log2.rowBytes", FeatureSink.log2((double) e.dim() * device.bytesPerElement()));
    }
}
