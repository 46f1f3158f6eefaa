package io.github.runtimeestimator.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.core.io.RowRejection;
import io.github.runtimeestimator.training.internal.ComparisonFormat;
import io.github.runtimeestimator.training.evaluation.EvaluationResult;
import io.github.runtimeestimator.training.evaluation.Evaluator;
import io.github.runtimeestimator.training.evaluation.PermutationImportance;
import io.github.runtimeestimator.training.evaluation.FoldResult;
import io.github.runtimeestimator.training.evaluation.MetricsReport;
import io.github.runtimeestimator.training.evaluation.PredictionFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Scores an estimator on held-out measurement files: MAE, RMSE, MAPE, median APE, share "
                + "within 10%%/25%%, overall and per phase. Rows it cannot read (unknown hardware, say) are "
                + "reported as rejections.")
final class EvaluateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "holdout.csv", description = "measurements (repeatable)")
    List<Path> data;

    @Mixin
    EstimatorOption estimatorOption;

    @Mixin
    FormatOption format;

    @Mixin
    HardwareCatalogOption catalog;

    @Mixin
    ModelCatalogOption models;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "also write PNG charts there: predicted against measured time (log-log, with each"
                    + " interval) and the permutation importance of every spec field and hardware figure, in seconds")
    Path plots;

    @Override
    public Integer call() {
        Inputs.Data rows = Inputs.measurements(data, catalog.load(), ReadMode.LENIENT, models);
        RuntimeEstimator estimator = estimatorOption.load(main.estimators, spec.commandLine().getErr());
        FoldResult scored = Evaluator.score(estimator, rows.rows());
        MetricsReport report = MetricsReport.of(scored.predictions());
        int notOk = (int) rows.rows().stream().filter(m -> !m.isOk()).count();
        if (plots != null) {
            writePlots(scored);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(ComparisonFormat.toJsonText(json(estimator, rows, notOk, report, scored)));
        } else {
            out.print(markdown(estimator, rows, notOk, report, scored));
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private void writePlots(FoldResult scored) {
        try {
            Plots.scatter(plots.resolve("scatter-evaluate.png"), "Held-out measurements", scored.predictions());
            EvaluationResult result = new EvaluationResult("holdout", List.of(scored));
            Plots.importance(plots.resolve("importance-evaluate.png"), "Permutation importance on held-out measurements",
                    PermutationImportance.compute(result, PermutationImportance.DEFAULT_REPEATS, 42));
        } catch (java.io.IOException | RuntimeException e) {
            throw new UserInputException("--plots " + plots + ": cannot write the charts: " + Inputs.oneLine(e), e);
        }
    }

    private ObjectNode json(RuntimeEstimator estimator, Inputs.Data rows, int notOk, MetricsReport report,
                            FoldResult scored) {
        ObjectNode root = JsonMappers.output().createObjectNode();
        root.put("estimator", estimator.describe());
        ArrayNode files = root.putArray("files");
        data.forEach(f -> files.add(f.toString()));
        root.put("rowsRead", rows.rows().size());
        root.put("rowsNotOk", notOk);
        root.setAll(ComparisonFormat.reportJson(report));
        ArrayNode refused = root.putArray("refused");
        for (PredictionFailure f : scored.failures()) {
            ObjectNode o = refused.addObject();
            Measurement m = f.measurement();
            o.put("file", rows.fileOf().getOrDefault(m, ""));
            o.put("model", m.workload().model().name());
            o.put("hardware", m.workload().requireHardware().id());
            o.put("reason", f.reason());
        }
        ArrayNode rejections = root.putArray("rejections");
        for (RowRejection r : rows.rejections()) {
            ObjectNode o = rejections.addObject();
            o.put("file", r.file());
            o.put("line", r.line());
            o.put("column", r.column());
            o.put("reason", r.toString());
        }
        return root;
    }

    private String markdown(RuntimeEstimator estimator, Inputs.Data rows, int notOk, MetricsReport report,
                            FoldResult scored) {
        StringBuilder sb = new StringBuilder();
        sb.append("Estimator: ").append(estimator.describe()).append("  \n");
        sb.append("Data: ").append(data).append(": ").append(rows.rows().size()).append(" rows read, ")
                .append(notOk).append(" not ok, ").append(rows.rejections().size()).append(" rejected, ")
                .append(scored.failures().size()).append(" refused by the estimator\n\n");
        sb.append(ComparisonFormat.reportMarkdown(report));
        if (!rows.rejections().isEmpty()) {
            sb.append("\nRejected rows:\n\n");
            rows.rejections().forEach(r -> sb.append("- ").append(r).append('\n'));
        }
        if (!scored.failures().isEmpty()) {
            sb.append("\nRefused by the estimator:\n\n");
            scored.failures().forEach(f -> sb.append("- ").append(f.measurement().workload().model().name())
                    .append(": ").append(f.reason()).append('\n'));
        }
        return sb.toString();
    }
}
