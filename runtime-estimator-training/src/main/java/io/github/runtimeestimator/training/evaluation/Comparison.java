package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every candidate on every split and tabulates the held-out metrics, overall and per phase; optionally
 * adds permutation importance per candidate and split.
 */
public final class Comparison {
    private Comparison() {
    }

    /**
     * Every trainer x feature set fitted on log time, plus the study's setup for each trainer: the seed
     * features fitted on raw seconds (when {@code seed} is among {@code featureSets}), and the physics features
     * fitted on log(time / roofline time) (when {@code physics} is among them), the target that carries over to
     * hardware faster or slower than any in training.
     *
     * @param trainers    trainer names
     * @param featureSets feature set ids
     * @param seed        the seed every configuration trains with
     * @return the configurations, trainer by trainer
     */
    public static List<TrainerConfig> configs(List<String> trainers, List<String> featureSets, long seed) {
        List<TrainerConfig> out = new ArrayList<>();
        for (String trainer : trainers) {
            for (String features : featureSets) {
                out.add(TrainerConfig.of(trainer, features).withSeed(seed));
            }
            if (featureSets.contains("physics")) {
                out.add(TrainerConfig.of(trainer, "physics").withTarget(Target.LOG_RATIO_TO_ROOFLINE).withSeed(seed));
            }
            if (featureSets.contains("opgraph")) {
                out.add(TrainerConfig.of(trainer, "opgraph").withTarget(Target.LOG_RATIO_TO_OPERATOR_SUM)
                        .withSeed(seed));
            }
            if (featureSets.contains("seed")) {
                out.add(TrainerConfig.of(trainer, "seed").withTarget(Target.SECONDS).withSeed(seed));
            }
        }
        return out;
    }

    /**
     * {@link #configs} as candidates trained with {@link io.github.runtimeestimator.training.EstimatorTrainer}.
     *
     * @param trainers    trainer names
     * @param featureSets feature set ids
     * @param seed        the seed every configuration trains with
     * @return one candidate per configuration, in the order of {@link #configs}
     */
    public static List<Candidate> candidates(List<String> trainers, List<String> featureSets, long seed) {
        List<Candidate> out = new ArrayList<>();
        for (TrainerConfig config : configs(trainers, featureSets, seed)) {
            out.add(Candidate.of(config));
        }
        return out;
    }

    /**
     * Runs the comparison.
     *
     * @param data              the measurements to split
     * @param splits            the splits to evaluate every candidate on
     * @param candidates        the estimator recipes to compare
     * @param importanceRepeats 0 for no importance tables, else the shuffles per field
     * @param seed              seeds the importance shuffles
     * @param progress          told about each fold and each importance computation as it starts
     * @return the rows, importance tables and evaluations
     * @throws IllegalArgumentException when a split cannot cut {@code data}
     */
    public static ComparisonTable run(List<Measurement> data, List<Split> splits, List<Candidate> candidates,
                                      int importanceRepeats, long seed, Progress progress) {
        Checks.required("data", data);
        Checks.required("splits", splits);
        Checks.required("candidates", candidates);
        Checks.atLeast("importanceRepeats", importanceRepeats, 0);
        List<ComparisonRow> rows = new ArrayList<>();
        List<ImportanceTable> importance = new ArrayList<>();
        List<ComparisonTable.Evaluation> evaluations = new ArrayList<>();
        for (Split split : splits) {
            for (Candidate candidate : candidates) {
                Progress tagged = message -> progress.report(candidate.label() + " " + message);
                EvaluationResult result = Evaluator.evaluateFolds(data, split, candidate.fit(), tagged);
                rows.addAll(rowsOf(split.id(), candidate, result));
                evaluations.add(new ComparisonTable.Evaluation(split.id(), candidate.label(), result));
                if (importanceRepeats > 0) {
                    progress.report(candidate.label() + " " + split.id() + ": permutation importance");
                    importance.add(new ImportanceTable(split.id(), candidate.label(),
                            PermutationImportance.compute(result, importanceRepeats, seed)));
                }
            }
        }
        return new ComparisonTable(rows, importance, evaluations);
    }

    private static List<ComparisonRow> rowsOf(String split, Candidate c, EvaluationResult result) {
        MetricsReport report = result.report();
        List<PredictionFailure> failures = result.failures();
        String target = Candidate.targetId(c.target());
        List<ComparisonRow> rows = new ArrayList<>();
        rows.add(new ComparisonRow(split, c.trainer(), c.featureSet(), target, ComparisonRow.OVERALL,
                report.overall(), failures.size()));
        for (Map.Entry<Phase, Metrics> e : report.phases().entrySet()) {
            int refused = (int) failures.stream()
                    .filter(f -> f.measurement().workload().job().phase() == e.getKey()).count();
            rows.add(new ComparisonRow(split, c.trainer(), c.featureSet(), target, e.getKey().id(), e.getValue(),
                    refused));
        }
        return rows;
    }
}
