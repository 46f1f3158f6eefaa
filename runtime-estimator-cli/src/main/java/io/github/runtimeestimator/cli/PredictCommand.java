package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.StepBreakdown;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.planner.Durations;
import io.github.runtimeestimator.planner.internal.PlanFormatter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predicts the runtime of the workload in a spec file and prints the estimate as JSON.")
final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", required = true, paramLabel = "spec.json",
            description = "workload spec: model, job, precision, hardware (a catalogue id or an object)")
    Path specFile;

    @Mixin
    EstimatorOption estimatorOption;

    @Mixin
    HardwareCatalogOption catalog;

    @Mixin
    ModelCatalogOption models;

    @Mixin
    FormatOption format;

    @Option(names = "--explain", description = "show where the step's time goes: the operator sum, the learned"
            + " correction and the operators of most predicted time (estimators trained on feature set opgraph)")
    boolean explain;

    @Override
    public Integer call() {
        WorkloadSpec workload = Inputs.workload(specFile, catalog.load(), models);
        workload.defaultsAssumed().forEach(d -> spec.commandLine().getErr().println("note: " + d));
        RuntimeEstimator estimator = estimatorOption.load(main.estimators, spec.commandLine().getErr());
        Estimate estimate = explain ? estimator.explain(workload) : estimator.predict(workload);
        if (explain && estimate.breakdown() == null) {
            spec.commandLine().getErr().println("--explain: " + estimate.estimator() + " does not sum operators"
                    + (workload.model().graph() == null ? " or the model has no operator graph" : "")
                    + "; only an estimator trained on feature set opgraph explains where the time goes");
        }
        spec.commandLine().getOut().println(format.json() ? SpecJson.writeEstimate(estimate)
                : markdown(workload, estimate));
        return Main.EXIT_OK;
    }

    /** Three significant digits below a minute ({@code 0.0494 s}), else hours, minutes and seconds. */
    private static String time(double seconds) {
        return seconds < 60 ? String.format(Locale.ROOT, "%.3g s", seconds) : Durations.formatSeconds(seconds);
    }

    /** The estimate for people: a table, how the model was described, and every extrapolation. */
    static String markdown(WorkloadSpec workload, Estimate e) {
        StringBuilder b = new StringBuilder();
        b.append("Estimate for ").append(workload.model().name()).append(", ").append(workload.job().phase().id())
                .append(" at batch ").append(workload.job().batchSize()).append(", ")
                .append(workload.precision().id()).append(" on ").append(workload.requireHardware().id())
                .append(" (").append(e.estimator()).append("):\n\n");
        b.append("| time | interval | coverage | per step | steps | energy (upper bound) |\n");
        b.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        b.append("| ").append(time(e.seconds())).append(" | ")
                .append(time(e.lowerSeconds())).append(" - ")
                .append(time(e.upperSeconds())).append(" | ")
                .append(String.format(Locale.ROOT, "%.0f%%", 100 * e.coverage())).append(" | ")
                .append(String.format(Locale.ROOT, "%.4g s", e.secondsPerStep())).append(" | ").append(e.steps())
                .append(" | ").append(e.hasEnergy() ? PlanFormatter.energy(e.energyUpperBoundJoules()) : "-")
                .append(" |\n");
        if (e.modelDescription() != null) {
            b.append("\nModel described by: ").append(e.modelDescription().id()).append(" (")
                    .append(e.modelDescription().explanation()).append(")\n");
        }
        if (e.raisedToPhysicalFloor()) {
            b.append("\nRaised to the physical floor: the estimator answered faster than the hardware allows; this is a"
                    + " lower limit, not a prediction.\n");
        }
        if (e.breakdown() != null) {
            breakdown(b, e.breakdown());
        }
        if (!e.assumptions().isEmpty()) {
            b.append("\nAssumed (the spec leaves these out):\n\n");
            e.assumptions().forEach(a -> b.append("- ").append(a).append('\n'));
        }
        if (e.extrapolates()) {
            b.append("\nExtrapolations (the estimate lies outside the estimator's training data):\n\n");
            e.extrapolations().forEach(r -> b.append("- ").append(r).append('\n'));
        }
        return b.toString();
    }

    private static void breakdown(StringBuilder b, StepBreakdown d) {
        b.append(String.format(Locale.ROOT, "%nWhere a step's time goes: operator sum %s (%d kernels, launch overhead %s)"
                        + " x learned correction %.2f = %s%n%n", time(d.operatorSumSeconds()), d.kernels(),
                time(d.launchSeconds()), d.correction(), time(d.stepSeconds())));
        b.append("| operator | kind | calls | time | share of sum | bound | from |\n");
        b.append("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
        for (StepBreakdown.OperatorTime t : d.operators()) {
            b.append("| ").append(t.name()).append(" | ").append(t.kind()).append(" | ").append(t.calls())
                    .append(" | ").append(time(t.seconds())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * t.share())).append(" | ")
                    .append(t.computeBound() ? "compute" : "memory").append(" | ")
                    .append(t.modelled() ? "per-operator model" : "roofline").append(" |\n");
        }
    }
}
