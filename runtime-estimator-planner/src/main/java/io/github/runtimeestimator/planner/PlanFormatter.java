package io.github.runtimeestimator.planner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Renders a {@link Plan} as a Markdown table or as JSON (keys carry their units). */
public final class PlanFormatter {
    /** Version of the plan JSON layout. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanFormatter() {
    }

    /** A summary line, then one table row per offer in rank order. */
    public static String markdown(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("**").append(plan.summary()).append("**\n\n");
        b.append("| rank | offer | hardware | provider | verdict | time | time range | cost (")
                .append(plan.currency()).append(") | upper cost | energy (upper bound) | peak memory / device | reason |\n");
        b.append("| ---: | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        int rank = 0;
        for (RankedOffer r : plan.ranked()) {
            rank++;
            b.append("| ").append(rank)
                    .append(" | ").append(cell(r.offer().id()))
                    .append(" | ").append(cell(r.offer().describeHardware()))
                    .append(" | ").append(cell(r.offer().provider()))
                    .append(" | ").append(r.verdict().id())
                    .append(" | ").append(Durations.formatSeconds(r.seconds()))
                    .append(" | ").append(r.hasEstimate() ? Durations.formatSeconds(r.lowerSeconds()) + " - "
                            + Durations.formatSeconds(r.upperSeconds()) : "-")
                    .append(" | ").append(money(r.cost()))
                    .append(" | ").append(money(r.upperCost()))
                    .append(" | ").append(r.hasEnergy() ? energy(r.energyJoules()) + " - " + energy(r.upperEnergyJoules())
                            : "-")
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f MiB / %.0f MiB", r.memory().totalMib(),
                            r.offer().hardware().memoryBytes() / (double) MemoryEstimate.MIB))
                    .append(" | ").append(cell(r.reason()))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** The plan as a JSON document. */
    public static String json(Plan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("model", plan.workload().model().name());
        root.put("phase", plan.workload().job().phase().id());
        root.put("batchSize", plan.workload().job().batchSize());
        root.put("precision", plan.workload().precision().id());
        plan.constraints().deadlineIfGiven().ifPresent(d -> root.put("deadlineSeconds", d.toMillis() / 1000.0));
        plan.constraints().budgetIfGiven().ifPresent(v -> root.put("budget", v));
        root.put("rankBy", plan.constraints().objective().id());
        root.put("currency", plan.currency());
        root.put("dataParallelEfficiency", plan.dataParallelEfficiency());
        root.put("estimator", plan.estimator());
        root.put("nothingFits", plan.nothingFits());
        root.put("summary", plan.summary());
        if (plan.chosen() != null) {
            root.put("chosenOfferId", plan.chosen().offer().id());
        } else {
            root.putNull("chosenOfferId");
        }
        ArrayNode misses = root.putArray("nearestMissOfferIds");
        plan.nearestMisses().forEach(m -> misses.add(m.offer().id()));
        ArrayNode ranked = root.putArray("ranked");
        for (RankedOffer r : plan.ranked()) {
            ObjectNode o = ranked.addObject();
            o.put("offerId", r.offer().id());
            o.put("hardware", r.offer().hardware().id());
            o.put("deviceCount", r.offer().deviceCount());
            o.put("provider", r.offer().provider());
            if (!r.offer().region().isEmpty()) {
                o.put("region", r.offer().region());
            }
            o.put("pricePerDeviceHour", r.offer().pricePerDeviceHour());
            o.put("verdict", r.verdict().id());
            o.put("reason", r.reason());
            number(o, "seconds", r.seconds());
            number(o, "lowerSeconds", r.lowerSeconds());
            number(o, "upperSeconds", r.upperSeconds());
            number(o, "cost", r.cost());
            number(o, "upperCost", r.upperCost());
            number(o, "missRatio", r.missRatio());
            number(o, "energyJoules", r.energyJoules());
            number(o, "upperEnergyJoules", r.upperEnergyJoules());
            ObjectNode m = o.putObject("memory");
            MemoryEstimate me = r.memory();
            m.put("weightsBytes", me.weightsBytes());
            m.put("gradientsBytes", me.gradientsBytes());
            m.put("optimizerStateBytes", me.optimizerStateBytes());
            m.put("activationsBytes", me.activationsBytes());
            m.put("overheadBytes", me.overheadBytes());
            m.put("totalBytes", me.totalBytes());
            m.put("deviceMemoryBytes", r.offer().hardware().memoryBytes());
            m.put("activationsFromDescriptor", me.activationsFromDescriptor());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /**
     * An energy in the unit that reads best: {@code 850 J}, {@code 12.5 kJ}, {@code 3.42 kWh}, {@code 1.25 MWh}; an
     * upper bound wherever it is shown.
     */
    public static String energy(double joules) {
        if (!Double.isFinite(joules)) {
            return "-";
        }
        double kwh = joules / 3.6e6;
        if (kwh >= 1000) {
            return threeDigits(kwh / 1000) + " MWh";
        }
        if (kwh >= 0.1) {
            return threeDigits(kwh) + " kWh";
        }
        if (joules >= 1000) {
            return threeDigits(joules / 1000) + " kJ";
        }
        return threeDigits(joules) + " J";
    }

    /** Three significant digits, no exponent, no trailing zeros: 0.1, 0.125, 461, 1250. */
    private static String threeDigits(double v) {
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String money(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
