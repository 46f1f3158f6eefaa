package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.training.internal.ComparisonFormat;
import java.util.List;

/**
 * The result of a comparison: one row per split x candidate x scope, the permutation importance tables when they
 * were asked for, and every evaluation behind them (for per-fold figures and plots). Render it with
 * {@link ComparisonFormat}.
 *
 * @param rows        split-major, then candidates in the order given, then overall and each phase
 * @param importance  one per split x candidate when computed, else empty
 * @param evaluations one per split x candidate, in the order of {@code rows}
 */
public record ComparisonTable(List<ComparisonRow> rows, List<ImportanceTable> importance,
                              List<Evaluation> evaluations) {
    /**
     * Copies the lists.
     *
     * @param rows        split-major, then candidates in the order given, then overall and each phase
     * @param importance  one per split x candidate when computed, else empty
     * @param evaluations one per split x candidate, in the order of {@code rows}
     */
    public ComparisonTable {
        rows = List.copyOf(rows);
        importance = List.copyOf(importance);
        evaluations = List.copyOf(evaluations);
    }

    /**
     * A table without the evaluations behind it.
     *
     * @param rows       split-major, then candidates in the order given, then overall and each phase
     * @param importance one per split x candidate when computed, else empty
     */
    public ComparisonTable(List<ComparisonRow> rows, List<ImportanceTable> importance) {
        this(rows, importance, List.of());
    }

    /**
     * One candidate on one split.
     *
     * @param split     the split's id
     * @param candidate the candidate's label
     * @param result    its folds and predictions
     */
    public record Evaluation(String split, String candidate, EvaluationResult result) {
    }
}
