package io.github.runtimeestimator.planner.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.planner.Durations;
import io.github.runtimeestimator.planner.FleetPlan;
import io.github.runtimeestimator.planner.RankedOffer;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Renders a {@link FleetPlan} as Markdown or JSON (keys carry their units). */
public final class FleetFormatter {
    /** Version of the fleet plan JSON layout. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = JsonMappers.output();

    private FleetFormatter() {
    }

    /** The summary, one row per job (assigned first, in queue order), then the unmet jobs' reasons. */
    public static String markdown(FleetPlan plan) {
        StringBuilder b = new StringBuilder("**").append(plan.summary()).append("**\n\n");
        b.append("| job | runs on | hardware | time | upper time | deadline | upper cost (").append(plan.currency())
                .append(") | trust |\n| --- | --- | --- | ---: | ---: | ---: | ---: | --- |\n");
        for (FleetPlan.Assignment a : plan.assignments()) {
            RankedOffer r = a.option();
            b.append("| ").append(cell(a.job().id()))
                    .append(" | ").append(cell(r.offer().id())).append(a.owned() ? " (owned)" : "")
                    .append(" | ").append(cell(r.offer().describeHardware()))
                    .append(" | ").append(Durations.formatSeconds(r.seconds()))
                    .append(" | ").append(Durations.formatSeconds(r.upperSeconds()))
                    .append(" | ").append(Durations.format(a.job().deadline()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.upperCost()))
                    .append(" | ").append(cell(r.trust()))
                    .append(" |\n");
        }
        for (FleetPlan.Unmet u : plan.unmet()) {
            b.append("| ").append(cell(u.job().id())).append(" | cannot be met | - | - | - | ")
                    .append(Durations.format(u.job().deadline())).append(" | - | - |\n");
        }
        if (!plan.unmet().isEmpty()) {
            b.append('\n');
            for (FleetPlan.Unmet u : plan.unmet()) {
                b.append("- ").append(u.job().id()).append(": ").append(u.reason()).append('\n');
            }
        }
        b.append("\nSolved by ").append(plan.solver()).append(plan.optimal() ? " (optimal)" : " (not proven optimal)")
                .append(". Every job starts now and holds its devices until it ends.\n");
        return b.toString();
    }

    /** The fleet plan as a JSON document. */
    public static String json(FleetPlan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("currency", plan.currency());
        root.put("estimator", plan.estimator());
        root.put("solver", plan.solver());
        root.put("optimal", plan.optimal());
        root.put("everyDeadlineMet", plan.everyDeadlineMet());
        root.put("totalUpperCost", plan.totalUpperCost());
        root.put("summary", plan.summary());
        ArrayNode assigned = root.putArray("assignments");
        for (FleetPlan.Assignment a : plan.assignments()) {
            RankedOffer r = a.option();
            ObjectNode o = assigned.addObject();
            o.put("jobId", a.job().id());
            o.put("offerId", r.offer().id());
            if (a.owned()) {
                o.put("poolId", a.poolId());
            } else {
                o.putNull("poolId");
            }
            o.put("hardware", r.offer().hardware().id());
            o.put("deviceCount", r.offer().deviceCount());
            o.put("deadlineSeconds", Durations.toSeconds(a.job().deadline()));
            o.put("seconds", r.seconds());
            o.put("upperSeconds", r.upperSeconds());
            o.put("cost", r.cost());
            o.put("upperCost", r.upperCost());
            o.put("extrapolates", r.extrapolates());
            ArrayNode ex = o.putArray("extrapolations");
            r.extrapolations().forEach(ex::add);
        }
        ArrayNode unmet = root.putArray("unmet");
        for (FleetPlan.Unmet u : plan.unmet()) {
            ObjectNode o = unmet.addObject();
            o.put("jobId", u.job().id());
            o.put("deadlineSeconds", Durations.toSeconds(u.job().deadline()));
            o.put("reason", u.reason());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
