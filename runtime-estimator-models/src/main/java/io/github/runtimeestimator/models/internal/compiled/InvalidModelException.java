package io.github.runtimeestimator.models.internal.compiled;

import io.github.runtimeestimator.core.RuntimeEstimatorException;

/**
 * The arrays given to build a compiled evaluator break one of its rules (lengths, index ranges, a cycle in a
 * tree, a value out of range). {@link #field()} names the array and, where it matters, the element
 * ({@code low[37]}); the message says the value and the rule.
 */
public final class InvalidModelException extends RuntimeEstimatorException {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String field, String problem) {
        super(field + ": " + problem, field, problem, null);
    }
}
