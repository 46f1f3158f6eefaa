package io.github.runtimeestimator.training.evaluation;

import java.util.List;

/**
 * Permutation importance of one candidate on one split.
 *
 * @param split      split id
 * @param candidate  the candidate's label ({@code xgboost/physics/log_seconds})
 * @param importance per spec field, most important first
 */
public record ImportanceTable(String split, String candidate, List<Importance> importance) {
    /**
     * Copies the importance list.
     *
     * @param split      split id
     * @param candidate  the candidate's label
     * @param importance per spec field, most important first
     */
    public ImportanceTable {
        importance = List.copyOf(importance);
    }
}
