package io.github.runtimeestimator.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.io.RowRejection;
import io.github.runtimeestimator.models.operators.KernelDataSource;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.training.internal.ComparisonFormat;
import io.github.runtimeestimator.training.operators.AccuracyScore;
import io.github.runtimeestimator.training.operators.KernelEvaluation;
import io.github.runtimeestimator.training.operators.KernelFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores the per-operator model on kernel measurements (kernels-v1, NeuSight or Vidur files,"
                + " gzipped or not): median absolute percentage error and share within 25%%, overall, per operator"
                + " family and per device.",
                "Score it on devices or shapes it was not trained on: on its own training rows the figures say"
                        + " nothing about a new GPU."})
final class KernelsEvaluateCommand implements Callable<Integer> {
    /** Rejections listed in the output; the count is always complete. */
    static final int LISTED_REJECTIONS = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "kernels.csv",
            description = "kernel measurements (repeatable)")
    List<Path> data;

    /** {@code --estimator m.rte} (an artifact holding a per-operator model), {@code --model} its deprecated alias. */
    @Mixin
    EstimatorOption estimatorOption;

    /** The artifact named, or null for the shipped estimator's; set when the command runs. */
    private Path model;

    @Mixin
    FormatOption format;

    @Mixin
    HardwareCatalogOption catalog;

    @Override
    public Integer call() {
        model = estimatorOption.file(spec.commandLine().getErr());
        OperatorModel operators = OperatorModels.operatorModel(model);
        KernelFiles files = OperatorModels.read(data, catalog.load());
        if (files.measurements().isEmpty()) {
            throw new UserInputException("no ok kernel rows to score in " + data + " (" + files.rejections().size()
                    + " rejected, " + files.notOk() + " not ok)");
        }
        KernelEvaluation evaluation = KernelEvaluation.score(operators, files.measurements());
        if (evaluation.overall().rows() == 0) {
            throw new UserInputException("the per-operator model has no family for any row of " + data + " (kinds "
                    + evaluation.unsupported().keySet() + "; it has " + operators.families() + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(ComparisonFormat.toJsonText(json(operators, files, evaluation)));
        } else {
            out.print(markdown(operators, files, evaluation));
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private ObjectNode json(OperatorModel operators, KernelFiles files, KernelEvaluation evaluation) {
        ObjectNode root = JsonMappers.output().createObjectNode();
        root.put("model", model == null ? "default" : model.toString());
        ArrayNode trainedOn = root.putArray("modelTrainedOn");
        operators.provenance().sources().forEach(s -> trainedOn.add(s.name()));
        ArrayNode fileNames = root.putArray("files");
        data.forEach(f -> fileNames.add(f.toString()));
        root.put("rowsOk", files.measurements().size());
        root.put("rowsNotOk", files.notOk());
        root.put("rowsRejected", files.rejections().size());
        ObjectNode unsupported = root.putObject("rowsUnsupported");
        evaluation.unsupported().forEach(unsupported::put);
        root.set("overall", score(evaluation.overall()));
        ObjectNode families = root.putObject("families");
        evaluation.byFamily().forEach((k, v) -> families.set(k, score(v)));
        ObjectNode devices = root.putObject("devices");
        evaluation.byDevice().forEach((k, v) -> devices.set(k, score(v)));
        ArrayNode rejections = root.putArray("rejections");
        for (RowRejection r : files.rejections().subList(0, Math.min(LISTED_REJECTIONS, files.rejections().size()))) {
            ObjectNode o = rejections.addObject();
            o.put("file", r.file());
            o.put("line", r.line());
            o.put("column", r.column());
            o.put("reason", r.toString());
        }
        return root;
    }

    private static ObjectNode score(AccuracyScore s) {
        ObjectNode o = JsonMappers.output().createObjectNode();
        o.put("rows", s.rows());
        o.put("medianApe", s.medianApe());
        o.put("within25Pct", s.within25Percent());
        o.put("medianLogRatio", s.medianLogRatio());
        return o;
    }

    private String markdown(OperatorModel operators, KernelFiles files, KernelEvaluation evaluation) {
        StringBuilder sb = new StringBuilder();
        sb.append("Per-operator model: ").append(model == null ? "default" : model).append(", families ")
                .append(operators.families().stream().map(f -> f.id()).toList()).append(", trained on ")
                .append(operators.provenance().sources().stream().map(KernelDataSource::name).toList()).append("  \n");
        sb.append("Data: ").append(data).append(": ").append(files.measurements().size()).append(" ok rows, ")
                .append(files.notOk()).append(" not ok, ").append(files.rejections().size()).append(" rejected");
        if (!evaluation.unsupported().isEmpty()) {
            sb.append(", not scored (no family in the model): ").append(evaluation.unsupported());
        }
        sb.append("\n\n| scope | rows | median APE | within 25% | bias (median ln pred/meas) |\n")
                .append("| --- | ---: | ---: | ---: | ---: |\n");
        row(sb, "**overall**", evaluation.overall());
        evaluation.byFamily().forEach((k, v) -> row(sb, "family " + k, v));
        evaluation.byDevice().forEach((k, v) -> row(sb, "device " + k, v));
        if (!files.rejections().isEmpty()) {
            sb.append("\nRejected rows (first ").append(Math.min(LISTED_REJECTIONS, files.rejections().size()))
                    .append(" of ").append(files.rejections().size()).append("):\n\n");
            files.rejections().stream().limit(LISTED_REJECTIONS).forEach(r -> sb.append("- ").append(r).append('\n'));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String scope, AccuracyScore s) {
        sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% | %.1f%% | %+.3f |%n", scope, s.rows(),
                100 * s.medianApe(), 100 * s.within25Percent(), s.medianLogRatio()));
    }
}
