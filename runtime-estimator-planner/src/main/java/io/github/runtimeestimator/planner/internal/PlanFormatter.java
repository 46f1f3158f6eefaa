package io.github.runtimeestimator.planner.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.ModelDescription;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.planner.Constraints;
import io.github.runtimeestimator.planner.Durations;
import io.github.runtimeestimator.planner.MemoryEstimate;
import io.github.runtimeestimator.planner.Plan;
import io.github.runtimeestimator.planner.RankedOffer;
import io.github.runtimeestimator.planner.ScalingDetail;
import io.github.runtimeestimator.planner.SpotExpectation;
import io.github.runtimeestimator.planner.TensorParallelDetail;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Renders a {@link Plan} as a Markdown table or as JSON (keys carry their units). */
public final class PlanFormatter {
    /** Version of the plan JSON layout. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = JsonMappers.output();

    private PlanFormatter() {
    }

    /**
     * A summary line, one table row per offer in rank order (its trust mark: {@code within training data} or
     * {@code extrapolated: <reasons>}), then how multi-device offers scale, what spot offers expect, and the
     * assumptions.
     */
    public static String markdown(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("**").append(plan.summary()).append("**\n\n");
        b.append("| rank | offer | hardware | provider | verdict | time | time range | cost (")
                .append(plan.currency()).append(") | upper cost | billing | energy (upper bound) | peak memory / device"
                        + " | trust | reason |\n");
        b.append("| ---: | --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |\n");
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
                    .append(" | ").append(cell(r.offer().billing().describe() + (r.offer().isSpot() ? ", spot" : "")))
                    .append(" | ").append(r.hasEnergy() ? energy(r.energyJoules()) + " - " + energy(r.upperEnergyJoules())
                            : "-")
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f MiB / %.0f MiB", r.memory().totalMib(),
                            r.offer().hardware().memoryBytes() / (double) MemoryEstimate.MIB))
                    .append(" | ").append(cell(r.trust()))
                    .append(" | ").append(cell(r.reason()))
                    .append(" |\n");
        }
        ModelDescription described = plan.ranked().stream().map(RankedOffer::modelDescription)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (described != null) {
            b.append("\nModel described by: ").append(described.id()).append(" (").append(described.explanation())
                    .append(")\n");
        }
        details(plan, b);
        return b.toString();
    }

    /** Scaling and spot lines under the table, and the assumptions. */
    private static void details(Plan plan, StringBuilder b) {
        StringBuilder lines = new StringBuilder();
        for (RankedOffer r : plan.ranked()) {
            ScalingDetail d = r.scaling();
            if (d != null) {
                lines.append(String.format(Locale.ROOT, "- %s: data parallel, %d devices x %d samples; all-reduce of"
                                + " %s of fp32 gradients: %s per step over %s, %s exposed per step (%.0f%% of a step)%n",
                        r.offer().id(), d.devices(), d.samplesPerDevice(), bytes(d.gradientBytes()),
                        stepSeconds(d.allReduceSecondsPerStep()), d.link().description(),
                        stepSeconds(d.exposedSecondsPerStep()), 100 * d.communicationShare()));
            }
            TensorParallelDetail tp = r.tensorParallel();
            if (tp != null) {
                lines.append(String.format(Locale.ROOT, "- %s: tensor parallel over %d devices (the model does not fit"
                                + " one): %d layers of width %d, %.0f tokens a step; shard efficiency %s (10th"
                                + " percentile %s) measured on %s; %d activation all-reduces of %s a step over %s: %s"
                                + " a step%n",
                        r.offer().id(), tp.devices(), tp.layers(), tp.hidden(), tp.tokensPerStep(),
                        plain(tp.shard().median()), plain(tp.shard().p10()), tp.shard().measuredOn(),
                        tp.allReducesPerStep(), bytes(tp.bytesPerAllReduce()), tp.link().description(),
                        stepSeconds(tp.communicationSecondsPerStep())));
            }
            SpotExpectation s = r.spot();
            if (s != null) {
                lines.append(String.format(Locale.ROOT, "- %s: spot, %s interruptions per hour; checkpoint every %s"
                                + " (write %s, restart %s): %s of work becomes %s expected, %.2f interruptions"
                                + " expected (upper bound)%n",
                        r.offer().id(), plain(r.offer().spot().interruptionsPerHour()),
                        Durations.formatSeconds(s.intervalSeconds()), Durations.formatSeconds(s.writeSeconds()),
                        Durations.formatSeconds(s.restartSeconds()), Durations.formatSeconds(s.workSeconds()),
                        Durations.formatSeconds(s.expectedSeconds()), s.expectedInterruptions()));
            }
        }
        if (lines.length() > 0) {
            b.append('\n').append(lines);
        }
        Constraints c = plan.constraints();
        b.append(String.format(Locale.ROOT, "%nAssumed: %.0f%% of the gradient all-reduce hidden behind compute"
                        + " (--overlap); spot checkpoints %s, write %s, restart %s.%n",
                100 * c.communicationOverlap(), c.checkpointing().intervalSeconds() > 0
                        ? "every " + Durations.formatSeconds(c.checkpointing().intervalSeconds())
                        : "at the optimal (Young) interval",
                Durations.formatSeconds(c.checkpointing().writeSeconds()),
                Durations.formatSeconds(c.checkpointing().restartSeconds())));
    }

    /** A per-step time: {@code 0.398 ms} below a second, else as {@link Durations#formatSeconds}. */
    static String stepSeconds(double seconds) {
        return seconds < 1 && seconds >= 0 ? threeDigits(seconds * 1000) + " ms" : Durations.formatSeconds(seconds);
    }

    /** {@code 97.5 MiB}, {@code 1.35 GiB}. */
    static String bytes(double bytes) {
        double mib = bytes / MemoryEstimate.MIB;
        return mib >= 1024 ? threeDigits(mib / 1024) + " GiB" : threeDigits(mib) + " MiB";
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** The plan as a JSON document. */
    public static String json(Plan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("model", plan.workload().model().name());
        root.put("phase", plan.workload().job().phase().id());
        root.put("batchSize", plan.workload().job().batchSize());
        root.put("precision", plan.workload().precision().id());
        plan.constraints().deadlineIfGiven().ifPresent(d -> root.put("deadlineSeconds", Durations.toSeconds(d)));
        plan.constraints().budgetIfGiven().ifPresent(v -> root.put("budget", v));
        root.put("rankBy", plan.constraints().objective().id());
        root.put("currency", plan.currency());
        root.put("communicationOverlap", plan.constraints().communicationOverlap());
        ObjectNode cp = root.putObject("checkpointing");
        cp.put("intervalSeconds", plan.constraints().checkpointing().intervalSeconds());
        cp.put("writeSeconds", plan.constraints().checkpointing().writeSeconds());
        cp.put("restartSeconds", plan.constraints().checkpointing().restartSeconds());
        root.put("preferMeasured", plan.constraints().preferMeasured());
        root.put("estimator", plan.estimator());
        root.put("nothingFits", plan.nothingFits());
        root.put("summary", plan.summary());
        if (plan.chosen() != null) {
            root.put("chosenOfferId", plan.chosen().offer().id());
        } else {
            root.putNull("chosenOfferId");
        }
        plan.measuredAlternative().ifPresent(a -> root.put("measuredAlternativeOfferId", a.offer().id()));
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
            ObjectNode billing = o.putObject("billing");
            billing.put("incrementSeconds", r.offer().billing().incrementSeconds());
            billing.put("minimumSeconds", r.offer().billing().minimumSeconds());
            billing.put("rule", r.offer().billing().describe());
            if (!r.offer().billing().source().isEmpty()) {
                billing.put("source", r.offer().billing().source());
            }
            o.put("verdict", r.verdict().id());
            o.put("reason", r.reason());
            o.put("extrapolates", r.extrapolates());
            ArrayNode ex = o.putArray("extrapolations");
            r.extrapolations().forEach(ex::add);
            o.put("trust", r.trust());
            number(o, "seconds", r.seconds());
            number(o, "lowerSeconds", r.lowerSeconds());
            number(o, "upperSeconds", r.upperSeconds());
            number(o, "cost", r.cost());
            number(o, "lowerCost", r.offer().costOf(r.lowerSeconds()));
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
            if (r.scaling() != null) {
                ScalingDetail d = r.scaling();
                ObjectNode sc = o.putObject("dataParallel");
                sc.put("devices", d.devices());
                sc.put("samplesPerDevice", d.samplesPerDevice());
                sc.put("gradientBytes", d.gradientBytes());
                sc.put("link", d.link().description());
                sc.put("linkBytesPerSecond", d.link().bytesPerSecond());
                sc.put("allReduceSecondsPerStep", d.allReduceSecondsPerStep());
                sc.put("communicationOverlap", d.communicationOverlap());
                sc.put("exposedCommunicationSecondsPerStep", d.exposedSecondsPerStep());
                sc.put("computeSecondsPerStep", d.computeSecondsPerStep());
            }
            if (r.tensorParallel() != null) {
                TensorParallelDetail tp = r.tensorParallel();
                ObjectNode t = o.putObject("tensorParallel");
                t.put("devices", tp.devices());
                t.put("layers", tp.layers());
                t.put("hidden", tp.hidden());
                t.put("tokensPerStep", tp.tokensPerStep());
                t.put("bytesPerAllReduce", tp.bytesPerAllReduce());
                t.put("allReducesPerStep", tp.allReducesPerStep());
                t.put("link", tp.link().description());
                t.put("linkBytesPerSecond", tp.link().bytesPerSecond());
                t.put("communicationSecondsPerStep", tp.communicationSecondsPerStep());
                t.put("shardEfficiency", tp.shard().median());
                t.put("shardEfficiencyP10", tp.shard().p10());
                t.put("shardEfficiencyMeasuredOn", tp.shard().measuredOn());
            }
            if (r.spot() != null) {
                SpotExpectation sp = r.spot();
                ObjectNode so = o.putObject("spot");
                so.put("interruptionsPerHour", r.offer().spot().interruptionsPerHour());
                if (!r.offer().spot().source().isEmpty()) {
                    so.put("interruptionSource", r.offer().spot().source());
                }
                so.put("checkpointIntervalSeconds", sp.intervalSeconds());
                so.put("checkpointWriteSeconds", sp.writeSeconds());
                so.put("restartSeconds", sp.restartSeconds());
                number(so, "upperWorkSeconds", sp.workSeconds());
                number(so, "upperExpectedSeconds", sp.expectedSeconds());
                number(so, "upperExpectedInterruptions", sp.expectedInterruptions());
            }
            if (r.modelDescription() != null) {
                o.put("modelDescription", r.modelDescription().id());
            }
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
