package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Validation and batch scaling shared by the operator records (package-private: not API). */
final class Dims {
    private Dims() {
    }

    /** A dimension: a whole number >= 1, named {@code kind.field} in the message. */
    static long dim(OperatorKind kind, String field, long value) {
        return Checks.atLeast(kind.id() + "." + field, value, 1L);
    }

    static int count(OperatorKind kind, String field, int value) {
        return Checks.atLeast(kind.id() + "." + field, value, 1);
    }

    static long nonNegative(OperatorKind kind, String field, long value) {
        return Checks.atLeast(kind.id() + "." + field, value, 0L);
    }

    static <T> T required(OperatorKind kind, String field, T value) {
        return Checks.required(kind.id() + "." + field, value);
    }

    static long batch(long batch) {
        return Checks.atLeast("batch", batch, 1L);
    }

    /** {@code value x batch}, refusing an overflow of {@code long}. */
    static long times(OperatorKind kind, String field, long value, long batch) {
        try {
            return Math.multiplyExact(value, batch);
        } catch (ArithmeticException e) {
            throw new SpecValidationException(kind.id() + "." + field, value + " x " + batch,
                    "the dimension at this batch size does not fit in a long");
        }
    }

    /** The lower-case id of a variant constant ({@code LOG_SOFTMAX} -> {@code log_softmax}). */
    static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose id is {@code id}; fails naming the field, the value and the known ids. */
    static <E extends Enum<E>> E parse(String field, String id, E[] values) {
        for (E e : values) {
            if (id(e).equals(id)) {
                return e;
            }
        }
        throw new SpecValidationException(field, id, "must be one of "
                + Arrays.stream(values).map(Dims::id).collect(Collectors.joining(", ", "[", "]")));
    }

    /** The batch dimension's JSON name: the default's name when the operator scales, else {@code none}. */
    static String batchDimId(boolean scales, String defaultName) {
        return scales ? defaultName : Operator.BATCH_DIM_NONE;
    }
}
