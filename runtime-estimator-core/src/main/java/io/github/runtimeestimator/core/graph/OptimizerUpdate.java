package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Optimizer;

/**
 * The optimizer's update of all {@code parameters} after one training step, the same at every batch size.
 * SGD with momentum: 3 FLOPs and 5 elements per parameter (reads weight, gradient, momentum; writes weight,
 * momentum); Adam and AdamW: 12 FLOPs and 7 elements (reads weight, gradient, two moments; writes weight, two
 * moments); no optimizer: nothing. Optimizer state and master weights are FP32 whatever the compute precision,
 * so {@link #bytes()} is 4 bytes per element.
 *
 * @param optimizer  the optimizer
 * @param parameters the parameters it updates (a graph's {@link OperatorGraph#weights()})
 */
public record OptimizerUpdate(Optimizer optimizer, long parameters) {

    /** Bytes per element of optimizer state and master weights. */
    public static final int STATE_BYTES_PER_ELEMENT = 4;

    /**
     * Validates the components (optimizer required, {@code parameters} at least 0); fails with a
     * {@link io.github.runtimeestimator.core.SpecValidationException SpecValidationException} naming the field.
     *
     * @param optimizer  the optimizer
     * @param parameters the parameters it updates
     */
    public OptimizerUpdate {
        Checks.required("optimizer", optimizer);
        Checks.atLeast("parameters", parameters, 0L);
    }

    /**
     * FLOPs per parameter: 0 none, 3 SGD, 12 Adam/AdamW.
     *
     * @return the FLOPs one parameter's update takes
     */
    public int flopsPerParameter() {
        switch (optimizer) {
            case SGD:
                return 3;
            case ADAM:
            case ADAMW:
                return 12;
            default:
                return 0;
        }
    }

    /**
     * Elements read and written per parameter: 0 none, 5 SGD, 7 Adam/AdamW.
     *
     * @return the elements one parameter's update moves
     */
    public int elementsPerParameter() {
        switch (optimizer) {
            case SGD:
                return 5;
            case ADAM:
            case ADAMW:
                return 7;
            default:
                return 0;
        }
    }

    /**
     * FLOPs of the update: {@link #flopsPerParameter()} x {@code parameters}.
     *
     * @return the FLOPs, the same at every batch size
     */
    public double flops() {
        return (double) flopsPerParameter() * parameters;
    }

    /**
     * Elements the update reads and writes: {@link #elementsPerParameter()} x {@code parameters}.
     *
     * @return the elements moved, the same at every batch size
     */
    public double elementsMoved() {
        return (double) elementsPerParameter() * parameters;
    }

    /**
     * Bytes moved, at 4 bytes per element (FP32 state and master weights).
     *
     * @return {@link #elementsMoved()} x {@link #STATE_BYTES_PER_ELEMENT}
     */
    public double bytes() {
        return elementsMoved() * STATE_BYTES_PER_ELEMENT;
    }
}
