package io.github.runtimeestimator.training.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.training.evaluation.ComparisonRow;
import io.github.runtimeestimator.training.evaluation.ComparisonTable;
import io.github.runtimeestimator.training.evaluation.FoldResult;
import io.github.runtimeestimator.training.evaluation.Importance;
import io.github.runtimeestimator.training.evaluation.ImportanceTable;
import io.github.runtimeestimator.training.evaluation.Metrics;
import io.github.runtimeestimator.training.evaluation.MetricsReport;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders metrics, reports and comparison tables as Markdown (percentages for people) and JSON (fractions, keys
 * in camelCase with their unit, like every JSON the library and the CLI write: {@code maeSeconds},
 * {@code medianApe}, {@code within10Pct}; a metric that cannot be computed is {@code null}).
 */
public final class ComparisonFormat {
    private static final ObjectMapper JSON = JsonMappers.output();

    private ComparisonFormat() {
    }

    /** The JSON object of one set of metrics. */
    public static ObjectNode metricsJson(Metrics m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("rows", m.rows());
        put(o, "maeSeconds", m.maeSeconds());
        put(o, "rmseSeconds", m.rmseSeconds());
        put(o, "mape", m.mape());
        put(o, "medianApe", m.medianApe());
        put(o, "within10Pct", m.within10pct());
        put(o, "within25Pct", m.within25pct());
        put(o, "r2LogTime", m.r2LogTime());
        put(o, "intervalCoverage", m.intervalCoverage());
        return o;
    }

    /** {@code {"overall": {...}, "infer": {...}, "train_step": {...}, ...}}: phases that have predictions. */
    public static ObjectNode reportJson(MetricsReport report) {
        ObjectNode o = JSON.createObjectNode();
        o.set(ComparisonRow.OVERALL, metricsJson(report.overall()));
        for (Map.Entry<Phase, Metrics> e : report.phases().entrySet()) {
            o.set(e.getKey().id(), metricsJson(e.getValue()));
        }
        return o;
    }

    /** The comparison as JSON: {@code {"rows": [...], "importance": [...]}}. */
    public static ObjectNode tableJson(ComparisonTable table) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode rows = root.putArray("rows");
        for (ComparisonRow r : table.rows()) {
            ObjectNode o = rows.addObject();
            o.put("split", r.split());
            o.put("trainer", r.trainer());
            o.put("features", r.featureSet());
            o.put("target", r.target());
            o.put("scope", r.scope());
            o.setAll(metricsJson(r.metrics()));
            o.put("refused", r.refused());
        }
        ArrayNode imp = root.putArray("importance");
        for (ImportanceTable t : table.importance()) {
            ObjectNode o = imp.addObject();
            o.put("split", t.split());
            o.put("candidate", t.candidate());
            ArrayNode fields = o.putArray("fields");
            for (Importance i : t.importance()) {
                ObjectNode f = fields.addObject();
                f.put("field", i.field().id());
                f.put("rows", i.rows());
                put(f, "baselineMedianApe", i.baselineMedianApe());
                put(f, "medianApeIncrease", i.medianApeIncrease());
                put(f, "baselineMaeLogTime", i.baselineMaeLogTime());
                put(f, "maeLogTimeIncrease", i.maeLogTimeIncrease());
                put(f, "baselineMaeSeconds", i.baselineMaeSeconds());
                put(f, "maeSecondsIncrease", i.maeSecondsIncrease());
                f.put("refused", i.refusedPredictions());
            }
        }
        return root;
    }

    /** Pretty-printed JSON text of a node. */
    public static String toJsonText(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comparison as Markdown: one metrics table, then one importance table per split x candidate. */
    public static String tableMarkdown(ComparisonTable table) {
        StringBuilder sb = new StringBuilder();
        sb.append("| split | trainer | features | target | phase | rows | MAE s | RMSE s | MAPE | median APE "
                + "| within 10% | within 25% | R² log time | in interval | refused |\n");
        sb.append("| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ComparisonRow r : table.rows()) {
            Metrics m = r.metrics();
            sb.append("| ").append(r.split()).append(" | ").append(r.trainer()).append(" | ").append(r.featureSet())
                    .append(" | ").append(r.target()).append(" | ").append(r.scope()).append(" | ").append(m.rows())
                    .append(" | ").append(seconds(m.maeSeconds())).append(" | ").append(seconds(m.rmseSeconds()))
                    .append(" | ").append(percent(m.mape())).append(" | ").append(percent(m.medianApe()))
                    .append(" | ").append(percent(m.within10pct())).append(" | ").append(percent(m.within25pct()))
                    .append(" | ").append(number(m.r2LogTime())).append(" | ").append(percent(m.intervalCoverage()))
                    .append(" | ").append(r.refused()).append(" |\n");
        }
        for (ImportanceTable t : table.importance()) {
            sb.append("\nPermutation importance, ").append(t.candidate()).append(" on ").append(t.split())
                    .append(" (shuffled within phase across held-out rows):\n\n");
            sb.append("| field | rows | MAE increase s | median APE increase | MAE log time increase | refused |\n");
            sb.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
            for (Importance i : t.importance()) {
                sb.append("| ").append(i.field().id()).append(" | ").append(i.rows()).append(" | ")
                        .append(signedSeconds(i.maeSecondsIncrease())).append(" | ")
                        .append(signedPercent(i.medianApeIncrease())).append(" | ")
                        .append(number(i.maeLogTimeIncrease())).append(" | ").append(i.refusedPredictions())
                        .append(" |\n");
            }
        }
        return sb.toString();
    }

    /**
     * Per held-out group (fold) of every evaluation: rows, median APE and interval coverage, worst median APE first,
     * then a line with the number of groups whose median APE is above 100% (over-predicted more than twice).
     */
    public static String foldsMarkdown(ComparisonTable table) {
        StringBuilder sb = new StringBuilder();
        for (ComparisonTable.Evaluation e : table.evaluations()) {
            sb.append("\nPer held-out group, ").append(e.candidate()).append(" on ").append(e.split())
                    .append(" (worst first):\n\n");
            sb.append("| held out | rows | median APE | in interval |\n| --- | ---: | ---: | ---: |\n");
            List<FoldResult> folds = new ArrayList<>(e.result().folds());
            folds.sort(Comparator.comparingDouble((FoldResult f) -> -medianApe(f)));
            int above = 0;
            for (FoldResult f : folds) {
                Metrics m = Metrics.of(f.predictions());
                above += m.medianApe() > 1 ? 1 : 0;
                sb.append("| ").append(f.fold().name()).append(" | ").append(m.rows()).append(" | ")
                        .append(percent(m.medianApe())).append(" | ").append(percent(m.intervalCoverage()))
                        .append(" |\n");
            }
            sb.append("\n").append(above).append(" of ").append(folds.size())
                    .append(" held-out groups have a median APE above 100%.\n");
        }
        return sb.toString();
    }

    private static double medianApe(FoldResult f) {
        double m = Metrics.of(f.predictions()).medianApe();
        return Double.isNaN(m) ? -1 : m;
    }

    /** One metrics report as a Markdown table (overall, then each phase). */
    public static String reportMarkdown(MetricsReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scope | rows | MAE s | RMSE s | MAPE | median APE | within 10% | within 25% | R² log time "
                + "| in interval |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        appendReportRow(sb, ComparisonRow.OVERALL, report.overall());
        for (Map.Entry<Phase, Metrics> e : report.phases().entrySet()) {
            appendReportRow(sb, e.getKey().id(), e.getValue());
        }
        return sb.toString();
    }

    private static void appendReportRow(StringBuilder sb, String scope, Metrics m) {
        sb.append("| ").append(scope).append(" | ").append(m.rows()).append(" | ").append(seconds(m.maeSeconds()))
                .append(" | ").append(seconds(m.rmseSeconds())).append(" | ").append(percent(m.mape()))
                .append(" | ").append(percent(m.medianApe())).append(" | ").append(percent(m.within10pct()))
                .append(" | ").append(percent(m.within25pct())).append(" | ").append(number(m.r2LogTime()))
                .append(" | ").append(percent(m.intervalCoverage())).append(" |\n");
    }

    private static void put(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
    }

    private static String seconds(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "-";
    }

    private static String signedPercent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.1f pp", 100 * v) : "-";
    }

    private static String signedSeconds(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.4g", v) : "-";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }
}
