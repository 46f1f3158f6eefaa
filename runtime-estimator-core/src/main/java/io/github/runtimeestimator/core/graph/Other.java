package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.regex.Pattern;

/**
 * An operator the vocabulary has no kind for, known only by its FLOPs and bytes per sample (both grow with the
 * batch). {@code bytes} were counted at {@code precisionBytes} per element (the precision the graph was traced
 * in); at another precision they scale to {@code bytes / precisionBytes x e}. Never a matrix product, no weights.
 *
 * @param variant         what it is (any lower-case word; {@code other} when unknown)
 * @param flops           FLOPs per sample, finite and >= 0
 * @param bytes           bytes moved per sample, finite and >= 0, at {@code precisionBytes} per element
 * @param precisionBytes  bytes per element the {@code bytes} were counted at (1, 2, 4 or 8)
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Other(String variant, double flops, double bytes, int precisionBytes, boolean scalesWithBatch)
        implements Operator {

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * Validates the components (variant a lower-case word {@code [a-z][a-z0-9_]*}, {@code flops} and
     * {@code bytes} finite and &gt;= 0, {@code precisionBytes} one of 1, 2, 4, 8); fails with a
     * {@link SpecValidationException} naming the field.
     *
     * @param variant         what it is (lower-case word)
     * @param flops           FLOPs per sample
     * @param bytes           bytes moved per sample, at {@code precisionBytes} per element
     * @param precisionBytes  bytes per element the {@code bytes} were counted at
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Other {
        Checks.required("other.variant", variant);
        if (!WORD.matcher(variant).matches()) {
            throw new SpecValidationException("other.variant", variant, "must be a lower-case word ([a-z][a-z0-9_]*)");
        }
        Checks.nonNegative("other.flops", flops);
        Checks.nonNegative("other.bytes", bytes);
        if (precisionBytes != 1 && precisionBytes != 2 && precisionBytes != 4 && precisionBytes != 8) {
            throw new SpecValidationException("other.precisionBytes", precisionBytes, "must be one of [1, 2, 4, 8]");
        }
    }

    /**
     * FLOPs and FP32 bytes per sample ({@code precisionBytes} 4), scaled by the batch.
     *
     * @param variant what it is (lower-case word)
     * @param flops   FLOPs per sample
     * @param bytes   bytes moved per sample, counted at 4 bytes per element
     */
    public Other(String variant, double flops, double bytes) {
        this(variant, flops, bytes, 4, true);
    }

    @Override
    public OperatorKind kind() {
        return OperatorKind.OTHER;
    }

    @Override
    public String variantId() {
        return variant;
    }

    @Override
    public String batchDimId() {
        return Dims.batchDimId(scalesWithBatch, "both");
    }

    private double scale(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? batch : 1;
    }

    @Override
    public double flops(long batch) {
        return flops * scale(batch);
    }

    @Override
    public double matmulFlops(long batch) {
        Dims.batch(batch);
        return 0;
    }

    /** {@code bytes / precisionBytes}: the elements the bytes stand for. */
    @Override
    public double elementsMoved(long batch) {
        return bytes / precisionBytes * scale(batch);
    }

    @Override
    public double bytes(long batch, Precision precision) {
        return elementsMoved(batch) * precision.bytesPerElement();
    }

    @Override
    public long weights() {
        return 0;
    }

    @Override
    public Other atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? new Other(variant, flops * batch, bytes * batch, precisionBytes, true) : this;
    }
}
