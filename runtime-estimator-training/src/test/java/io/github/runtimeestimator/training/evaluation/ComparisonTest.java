package io.github.runtimeestimator.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.training.internal.ComparisonFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private final List<Measurement> data = Fixtures.dataset();

    private static List<Candidate> stubs() {
        return List.of(
                Candidate.ofRows("constant", "seed", Target.LOG_SECONDS, train -> Fixtures.estimator(s -> 0.1)),
                Candidate.ofRows("batch", "physics", Target.SECONDS,
                        train -> Fixtures.estimator(s -> 1e-3 * s.job().batchSize() * s.job().steps())));
    }

    @Test
    void tableHasOneRowPerSplitCandidateAndScopeInOrder() {
        List<Split> splits = List.of(Splits.leaveOneModelOut(), Splits.kFold(3, 1));

        ComparisonTable table = Comparison.run(data, splits, stubs(), 0, 1, Progress.NONE);

        // 2 splits x 2 candidates x (overall + 3 phases)
        assertThat(table.rows()).hasSize(16);
        assertThat(table.importance()).isEmpty();
        assertThat(table.rows().subList(0, 4)).extracting(ComparisonRow::scope)
                .containsExactly("overall", "infer", "train_step", "train_epoch");
        assertThat(table.rows()).extracting(ComparisonRow::split).containsSubsequence("leave-model-out", "kfold-3");
        assertThat(table.rows().get(4).trainer()).isEqualTo("batch");
        assertThat(table.rows().get(4).target()).isEqualTo("seconds");
        assertThat(table.rows()).filteredOn(r -> r.scope().equals("overall"))
                .allMatch(r -> r.metrics().rows() == 96);
    }

    @Test
    void markdownHasAHeaderAndOneLinePerRowAndJsonTheSameRowsWithSnakeCaseKeys() throws Exception {
        ComparisonTable table = Comparison.run(data, List.of(Splits.leaveOneFamilyOut()), stubs(), 0, 1,
                Progress.NONE);

        String md = ComparisonFormat.tableMarkdown(table);
        List<String> lines = md.lines().toList();
        assertThat(lines).hasSize(2 + table.rows().size());
        assertThat(lines.get(0)).startsWith("| split | trainer | features | target | phase | rows | MAE s");
        assertThat(lines.get(2)).startsWith("| leave-family-out | constant | seed | log_seconds | overall | 96 |");

        JsonNode json = JsonMappers.strict().readTree(ComparisonFormat.toJsonText(ComparisonFormat.tableJson(table)));
        assertThat(json.get("rows")).hasSize(table.rows().size());
        List<String> keys = new ArrayList<>();
        json.get("rows").get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("split", "trainer", "features", "target", "scope", "rows", "maeSeconds",
                "rmseSeconds", "mape", "medianApe", "within10Pct", "within25Pct", "r2LogTime", "intervalCoverage",
                "refused");
    }

    @Test
    void candidatesAreEveryTrainerTimesFeatureSetPlusTheStudysSeedOnSecondsSetup() {
        List<Candidate> c = Comparison.candidates(List.of("linear", "knn"), List.of("seed", "physics"), 3);

        assertThat(c).extracting(Candidate::label).containsExactly(
                "linear/seed/log_seconds", "linear/physics/log_seconds", "linear/physics/log_ratio_to_roofline",
                "linear/seed/seconds",
                "knn/seed/log_seconds", "knn/physics/log_seconds", "knn/physics/log_ratio_to_roofline",
                "knn/seed/seconds");
    }

    @Test
    void importanceTablesComeOnePerSplitAndCandidateWhenAskedFor() {
        ComparisonTable table = Comparison.run(data, List.of(Splits.leaveOneModelOut()), stubs(), 2, 1,
                Progress.NONE);

        assertThat(table.importance()).hasSize(2);
        assertThat(table.importance().get(0).importance()).hasSize(SpecField.values().length);
        assertThat(ComparisonFormat.tableMarkdown(table)).contains("Permutation importance, batch/physics/seconds");
    }
}
