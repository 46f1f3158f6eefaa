package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A pointwise operator over {@code elements} output elements reading {@code inputs} tensors of that size:
 * activations ({@code relu}, {@code gelu}, {@code silu}), arithmetic ({@code add}, {@code mul}), {@code dropout},
 * {@code cast}, a fused {@code swiglu} ({@code silu(a) * b}). The variant is any lower-case word; the known ones
 * set the default FLOPs per element ({@link #defaultFlopsPerElement(String)}), any other defaults to 1.
 *
 * <p>FLOPs {@code elements x flopsPerElement}; elements moved {@code (inputs + 1) elements}; no weights.
 *
 * @param variant          what the operator computes (lower-case word)
 * @param elements         output elements per sample
 * @param inputs           tensors of {@code elements} read (1 unary, 2 binary; at least 1)
 * @param flopsPerElement  FLOPs per output element, finite and >= 0
 * @param scalesWithBatch  false when the batch dimension is {@code none}
 */
public record Elementwise(String variant, long elements, int inputs, double flopsPerElement,
                          boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.ELEMENTWISE;
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]*");
    /** Default FLOPs per element of the variants that do not cost 1 (docs/formats/operator-graph.md). */
    private static final Map<String, Double> FLOPS_PER_ELEMENT = Map.ofEntries(
            Map.entry("gelu", 8.0), Map.entry("silu", 8.0),
            Map.entry("tanh", 4.0), Map.entry("sigmoid", 4.0), Map.entry("exp", 4.0),
            Map.entry("swiglu", 9.0), Map.entry("dropout", 2.0),
            Map.entry("cast", 0.0), Map.entry("copy", 0.0), Map.entry("clone", 0.0), Map.entry("fill", 0.0));

    /** Variants known to be words: every one with its own FLOPs, and the one-FLOP ones graphs use most. */
    private static final Set<String> COMMON = Stream.concat(FLOPS_PER_ELEMENT.keySet().stream(),
            Stream.of("add", "sub", "mul", "div", "pow", "relu", "neg", "abs", "rope"))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * Validates the components (variant a lower-case word {@code [a-z][a-z0-9_]*}, {@code elements} and
     * {@code inputs} at least 1, {@code flopsPerElement} finite and &gt;= 0); fails with a
     * {@link SpecValidationException} naming the field.
     *
     * @param variant         what the operator computes (lower-case word)
     * @param elements        output elements per sample
     * @param inputs          tensors of {@code elements} read
     * @param flopsPerElement FLOPs per output element
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Elementwise {
        variant = variant(variant);
        Dims.dim(KIND, "elements", elements);
        Dims.count(KIND, "inputs", inputs);
        Checks.nonNegative("elementwise.flopsPerElement", flopsPerElement);
    }

    /**
     * An operator with the variant's default FLOPs per element, scaled by the batch.
     *
     * @param variant  what the operator computes (lower-case word)
     * @param elements output elements per sample
     * @param inputs   tensors of {@code elements} read
     */
    public Elementwise(String variant, long elements, int inputs) {
        this(variant, elements, inputs, defaultFlopsPerElement(variant(variant)), true);
    }

    /**
     * A one-input operator ({@code relu}, {@code gelu}) with its default FLOPs per element.
     *
     * @param variant  what the operator computes (lower-case word)
     * @param elements output elements per sample
     * @return the operator, scaled by the batch
     */
    public static Elementwise unary(String variant, long elements) {
        return new Elementwise(variant, elements, 1);
    }

    /**
     * A two-input operator ({@code add}, {@code mul}) with its default FLOPs per element.
     *
     * @param variant  what the operator computes (lower-case word)
     * @param elements output elements per sample
     * @return the operator, scaled by the batch
     */
    public static Elementwise binary(String variant, long elements) {
        return new Elementwise(variant, elements, 2);
    }

    private static String variant(String variant) {
        Checks.required("elementwise.variant", variant);
        // the common variants skip the pattern: atBatch builds an operator per prediction, and a regex match was
        // a tenth of the operator-graph estimator's time
        if (!COMMON.contains(variant) && !WORD.matcher(variant).matches()) {
            throw new SpecValidationException("elementwise.variant", variant,
                    "must be a lower-case word ([a-z][a-z0-9_]*)");
        }
        return variant;
    }

    /**
     * FLOPs per element of a variant when none is given: 8 gelu, silu; 4 tanh, sigmoid, exp; ...; else 1.
     *
     * @param variant the variant ({@code gelu})
     * @return 8 gelu, silu; 9 swiglu; 4 tanh, sigmoid, exp; 2 dropout; 0 cast, copy, clone, fill; 1 any other
     */
    public static double defaultFlopsPerElement(String variant) {
        return FLOPS_PER_ELEMENT.getOrDefault(variant, 1.0);
    }

    @Override
    public OperatorKind kind() {
        return KIND;
    }

    @Override
    public String variantId() {
        return variant;
    }

    @Override
    public String batchDimId() {
        return Dims.batchDimId(scalesWithBatch, "elements");
    }

    private double scaledElements(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? (double) elements * batch : elements;
    }

    @Override
    public double flops(long batch) {
        return scaledElements(batch) * flopsPerElement;
    }

    @Override
    public double matmulFlops(long batch) {
        Dims.batch(batch);
        return 0;
    }

    @Override
    public double elementsMoved(long batch) {
        return (inputs + 1) * scaledElements(batch);
    }

    @Override
    public long weights() {
        return 0;
    }

    @Override
    public Elementwise atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch
                ? new Elementwise(variant, Dims.times(KIND, "elements", elements, batch), inputs, flopsPerElement,
                        true)
                : this;
    }
}
