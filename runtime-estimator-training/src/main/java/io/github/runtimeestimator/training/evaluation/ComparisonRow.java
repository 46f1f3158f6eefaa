package io.github.runtimeestimator.training.evaluation;

/**
 * One line of the comparison: a candidate on a split, overall or for one phase.
 *
 * @param split      split id
 * @param trainer    trainer name
 * @param featureSet feature set id
 * @param target     {@code log_seconds} or {@code seconds}
 * @param scope      {@code overall} or a phase id ({@code infer}, {@code train_step}, {@code train_epoch})
 * @param metrics    the pooled held-out metrics of that scope
 * @param refused    held-out rows of the scope the estimator refused to predict
 */
public record ComparisonRow(String split, String trainer, String featureSet, String target, String scope,
                            Metrics metrics, int refused) {
    /** The {@code scope} of a row over every phase. */
    public static final String OVERALL = "overall";
}
