package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.graph.Operator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The feature extraction of the per-operator model, per family: names (fixed per family) and values of one
 * operator on one device, with its roofline and base time.
 */
public final class OperatorFeatures {
    private static final Map<OperatorFamily, FamilyFeatures> FAMILIES = new EnumMap<>(OperatorFamily.class);

    static {
        FAMILIES.put(OperatorFamily.MATMUL, new MatmulFeatures());
        FAMILIES.put(OperatorFamily.CONV2D, new Conv2dFeatures());
        FAMILIES.put(OperatorFamily.ELEMENTWISE, new ElementwiseFeatures());
        FAMILIES.put(OperatorFamily.NORMALIZATION, new RowFeatures(OperatorFamily.NORMALIZATION));
        FAMILIES.put(OperatorFamily.SOFTMAX, new RowFeatures(OperatorFamily.SOFTMAX));
        FAMILIES.put(OperatorFamily.EMBEDDING, new EmbeddingFeatures());
    }

    private OperatorFeatures() {
    }

    /** The feature names of a family, in the order {@link Row#values()} holds them. */
    public static List<String> names(OperatorFamily family) {
        return FAMILIES.get(family).names();
    }

    /**
     * One operator on one device: its features, roofline and base time.
     *
     * @throws IllegalArgumentException when the operator's kind has no family
     */
    public static Row of(Operator operator, DeviceFigures device) {
        OperatorFamily family = OperatorFamily.of(operator).orElseThrow(() -> new IllegalArgumentException(
                "operator: kind " + operator.kind().id() + " has no per-operator model family"));
        FamilyFeatures features = FAMILIES.get(family);
        List<String> names = features.names();
        OperatorRoofline roofline = OperatorRoofline.of(operator, device);
        double base = features.baseSeconds(operator, device, roofline);
        double[] values = new double[names.size()];
        features.fill(operator, device, roofline, base, new Positional(names, values));
        return new Row(family, values, roofline, base);
    }

    /**
     * Features of one operator on one device.
     *
     * @param family      the operator's family
     * @param values      one value per {@link #names(OperatorFamily)} entry; NaN where unknown
     * @param roofline    its roofline on the device
     * @param baseSeconds the time its learned efficiency is relative to
     */
    public record Row(OperatorFamily family, double[] values, OperatorRoofline roofline, double baseSeconds) {
    }

    /** Writes values in the family's name order, checking the order as it goes. */
    private static final class Positional implements FeatureSink {
        private final List<String> names;
        private final double[] values;
        private int next;

        Positional(List<String> names, double[] values) {
            this.names = names;
            this.values = values;
        }

        @Override
        public void put(String name, double value) {
            String expected = names.get(next);
            if (!expected.equals(name)) {
                throw new IllegalStateException("feature " + next + " is " + name + ", expected " + expected);
            }
            values[next++] = value;
        }
    }
}
