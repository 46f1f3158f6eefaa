package io.github.runtimeestimator.models.operators.internal;

import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorRoofline;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The feature extraction of the per-operator model, per family: names (fixed per family) and values of one
 * operator on one device, with its roofline and base time. Training reads {@link #of}; prediction fills a
 * {@link Filler} it keeps per thread, allocating nothing.
 */
public final class OperatorFeatures {
    /**
     * Version of the feature definitions and base times. An artifact's operator feature sets carry it; a model
     * trained on another version is refused on load (its trees would read different values).
     */
    public static final int VERSION = 1;

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

    /** The most features any family has: the length a {@link Filler} needs. */
    public static int maxFeatureCount() {
        int max = 0;
        for (FamilyFeatures f : FAMILIES.values()) {
            max = Math.max(max, f.names().size());
        }
        return max;
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
     * The base time of {@code operator} (of {@code family}) on {@code device}: the time its learned efficiency
     * divides.
     */
    public static double baseSeconds(OperatorFamily family, Operator operator, DeviceFigures device,
                                     OperatorRoofline roofline) {
        return FAMILIES.get(family).baseSeconds(operator, device, roofline);
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

    /**
     * A reusable buffer the features of one operator are written into, in its family's name order (the same
     * values {@link #of} gives); one per thread, not thread-safe.
     */
    public static final class Filler implements FeatureSink {
        private final double[] values = new double[maxFeatureCount()];
        private int next;

        /**
         * Writes the features of {@code operator} of {@code family} on {@code device} into {@link #values()}
         * (positions {@code 0 .. names(family).size() - 1}).
         */
        public void fill(OperatorFamily family, Operator operator, DeviceFigures device, OperatorRoofline roofline,
                         double baseSeconds) {
            next = 0;
            FAMILIES.get(family).fill(operator, device, roofline, baseSeconds, this);
        }

        /** The values written by the last {@link #fill}. */
        public double[] values() {
            return values;
        }

        @Override
        public void put(String name, double value) {
            values[next++] = value;
        }

        @Override
        public boolean readsNames() {
            return false;
        }
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
