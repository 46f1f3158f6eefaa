package io.github.runtimeestimator.training.evaluation;

import java.util.List;

/**
 * The result of a comparison: one row per split x candidate x scope, and the permutation importance tables
 * when they were asked for. Render it with {@link ComparisonFormat}.
 *
 * @param rows       split-major, then candidates in the order given, then overall and each phase
 * @param importance one per split x candidate when computed, else empty
 */
public record ComparisonTable(List<ComparisonRow> rows, List<ImportanceTable> importance) {
    public ComparisonTable {
        rows = List.copyOf(rows);
        importance = List.copyOf(importance);
    }
}
