package io.github.runtimeestimator.models.operators.internal;

import io.github.runtimeestimator.core.graph.Elementwise;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import java.util.List;

/**
 * Pointwise operators: elements, inputs and FLOPs per element, the blocks of a vectorised launch (512 and 2048
 * elements per block) in waves over the SMs, and which operator it is among the common ones.
 */
final class ElementwiseFeatures extends FamilyFeatures {
    private static final int[] BLOCKS = {512, 2048};
    static final List<String> VARIANTS = List.of("add", "sub", "mul", "div", "pow", "relu", "gelu", "silu",
            "tanh", "sigmoid", "exp", "swiglu", "rope", "dropout", "cast");

    @Override
    OperatorFamily family() {
        return OperatorFamily.ELEMENTWISE;
    }

    @Override
    Operator example() {
        return Elementwise.binary("add", 1 << 20);
    }

    @Override
    void shape(Operator operator, DeviceFigures device, FeatureSink out) {
        Elementwise e = (Elementwise) operator;
        double elements = e.elements();
        double units = device.computeUnits();
        out.put("ew.log2.elements", FeatureSink.log2(elements));
        out.put("ew.inputs", e.inputs());
        out.put("ew.flopsPerElement", e.flopsPerElement());
        out.put("ew.log2.elementsPerUnit", FeatureSink.log2(elements / units));
        for (int block : BLOCKS) {
            double waves = Math.ceil(elements / block) / units;
            String b = out.readsNames() ? "ew.b" + block : null;
            out.put(FeatureSink.name(out, b, ".log2.waves"), FeatureSink.log2(waves));
            out.put(FeatureSink.name(out, b, ".waveFill"), waves / Math.ceil(waves));
        }
        variant("ew", e.variant(), VARIANTS, out);
    }
}
