package io.github.runtimeestimator.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.runtimeestimator.core.internal.Checks;
import java.util.List;

/**
 * Where the time of one step goes, as an estimator that sums a step's operators sees it (issue 10, item 5:
 * {@code predict --explain}): the operator sum, the correction the estimator applied to it, and the operators that
 * take the most predicted time. Only {@link RuntimeEstimator#explain} fills it in; {@link RuntimeEstimator#predict}
 * leaves it out, so that plain predictions allocate nothing for it.
 *
 * @param operatorSumSeconds     the step's operator sum: every operator's predicted time plus the launch overhead
 * @param launchSeconds          the part of the sum that is the per-kernel launch overhead
 * @param kernels                operator calls in the step (repeats counted; the optimizer update counts as one)
 * @param stepSeconds            the estimator's step time (the sum times the learned correction)
 * @param operators              the operators with the most predicted time, most first
 */
public record StepBreakdown(
        @JsonProperty("operatorSumSeconds") double operatorSumSeconds,
        @JsonProperty("launchSeconds") double launchSeconds,
        @JsonProperty("kernels") long kernels,
        @JsonProperty("stepSeconds") double stepSeconds,
        @JsonProperty("operators") List<OperatorTime> operators) {

    /**
     * Validates the figures; fails with a SpecValidationException naming the field. Seconds are finite and 0 or
     * more, {@code kernels} is 0 or more; null operators become empty, and the list is copied.
     *
     * @param operatorSumSeconds the step's operator sum, in seconds
     * @param launchSeconds      the part of the sum that is the per-kernel launch overhead, in seconds
     * @param kernels            operator calls in the step
     * @param stepSeconds        the estimator's step time, in seconds
     * @param operators          the operators with the most predicted time, most first; null for none
     */
    public StepBreakdown {
        Checks.nonNegative("operatorSumSeconds", operatorSumSeconds);
        Checks.nonNegative("launchSeconds", launchSeconds);
        Checks.atLeast("kernels", kernels, 0L);
        Checks.nonNegative("stepSeconds", stepSeconds);
        operators = operators == null ? List.of() : List.copyOf(operators);
    }

    /**
     * The learned end-to-end correction: step time over operator sum.
     *
     * @return the ratio; 1 when the operator sum is 0
     */
    public double correction() {
        return operatorSumSeconds == 0 ? 1 : stepSeconds / operatorSumSeconds;
    }

    /**
     * One operator (or a group of repeats of it) of a step.
     *
     * @param name         the operator's name in the graph ({@code layers.0.attn.qkv}, {@code ...:backward})
     * @param kind         its kind ({@code matmul}, {@code softmax}, ...; {@code optimizer} for the update)
     * @param calls        how many times the step runs it
     * @param seconds      predicted time of all its calls, launch overhead left out
     * @param share        {@code seconds} over the operator sum
     * @param computeBound whether its roofline is set by FLOPs rather than bytes on this device
     * @param modelled     whether the per-operator model predicted it (false: its roofline time, the model has no
     *                     family for its kind)
     */
    public record OperatorTime(
            @JsonProperty("name") String name,
            @JsonProperty("kind") String kind,
            @JsonProperty("calls") long calls,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("share") double share,
            @JsonProperty("computeBound") boolean computeBound,
            @JsonProperty("modelled") boolean modelled) {

        /**
         * Validates the figures; fails with a SpecValidationException naming the field. Name and kind are not blank,
         * {@code calls} is at least 1, {@code seconds} and {@code share} are finite and 0 or more.
         *
         * @param name         the operator's name in the graph; not blank
         * @param kind         its kind; not blank
         * @param calls        how many times the step runs it, at least 1
         * @param seconds      predicted time of all its calls, in seconds, launch overhead left out
         * @param share        {@code seconds} over the operator sum
         * @param computeBound whether its roofline is set by FLOPs rather than bytes on this device
         * @param modelled     whether the per-operator model predicted it
         */
        public OperatorTime {
            Checks.requiredText("name", name);
            Checks.requiredText("kind", kind);
            Checks.atLeast("calls", calls, 1L);
            Checks.nonNegative("seconds", seconds);
            Checks.nonNegative("share", share);
        }
    }
}
