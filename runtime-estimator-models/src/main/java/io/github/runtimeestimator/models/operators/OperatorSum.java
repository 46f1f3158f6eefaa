package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.StepBreakdown;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import io.github.runtimeestimator.core.graph.OptimizerUpdate;
import io.github.runtimeestimator.core.graph.TrainingGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A first composition of the per-operator model into a step time, without the learned end-to-end correction
 * (issue 10, item 3): the sum over a graph's operators, each run at the batch size, of its predicted work time
 * ({@link OperatorPrediction#workSeconds()}: the launch floor of the measuring harness left out) plus a fixed
 * launch overhead per kernel. Operators of kinds the model has no family for (attention, pooling, reductions,
 * memory ops, recurrent cells, "other") and the optimizer update take their roofline time
 * ({@link OperatorRoofline}); the result says how much of the sum they are. Not an estimator and not used by
 * any default: a building block, and a baseline for the learned correction.
 *
 * <p>Each distinct operator of a graph is predicted once ({@link OperatorGraph#distinct()}), times its repeats.
 */
public final class OperatorSum {
    private final OperatorModel model;
    private final double launchSecondsPerKernel;

    /**
     * @param model                  the per-operator model
     * @param launchSecondsPerKernel what each kernel adds besides its work (launch and framework overhead), >= 0
     */
    public OperatorSum(OperatorModel model, double launchSecondsPerKernel) {
        this.model = Objects.requireNonNull(model, "model");
        Checks.nonNegative("launchSecondsPerKernel", launchSecondsPerKernel);
        this.launchSecondsPerKernel = launchSecondsPerKernel;
    }

    /**
     * The sum and its parts.
     *
     * @param seconds         the step: modelled + roofline-only + launch seconds
     * @param modelledSeconds work of the operators the per-operator model predicted
     * @param rooflineSeconds roofline time of the operators (and optimizer update) it has no family for
     * @param launchSeconds   kernels x the launch overhead
     * @param kernels         operator calls counted (repeats included; the optimizer update counts as one)
     */
    public record Breakdown(double seconds, double modelledSeconds, double rooflineSeconds, double launchSeconds,
                            long kernels) {

        /**
         * Share of the work that only has a roofline time.
         *
         * @return {@code rooflineSeconds / (modelledSeconds + rooflineSeconds)}, 0 when there is no work
         */
        public double rooflineShare() {
            double work = modelledSeconds + rooflineSeconds;
            return work == 0 ? 0 : rooflineSeconds / work;
        }
    }

    /**
     * One forward pass of {@code graph} at {@code batch} samples on {@code hardware} at {@code precision}.
     *
     * @param graph     the model's operator graph, not null
     * @param batch     samples per pass
     * @param hardware  the device
     * @param precision the precision
     * @return the sum and its parts
     */
    public Breakdown forward(OperatorGraph graph, long batch, HardwareSpec hardware, Precision precision) {
        Objects.requireNonNull(graph, "graph");
        Accumulator a = new Accumulator(hardware, precision, batch);
        a.add(graph);
        return a.result();
    }

    /**
     * One training step: forward, backward and the optimizer update of {@code step}.
     *
     * @param step      the training graph, not null
     * @param batch     samples per step
     * @param hardware  the device
     * @param precision the precision
     * @return the sum and its parts
     */
    public Breakdown trainingStep(TrainingGraph step, long batch, HardwareSpec hardware, Precision precision) {
        Objects.requireNonNull(step, "step");
        Accumulator a = new Accumulator(hardware, precision, batch);
        a.add(step.forward());
        a.add(step.backward());
        a.add(step.update());
        return a.result();
    }

    /**
     * The operators of {@code step}'s forward pass (and, when {@code training}, its backward pass and update)
     * with the most predicted time, as a {@link StepBreakdown} whose {@code stepSeconds} is the sum itself (an
     * estimator that corrects the sum replaces it). Walks the graph's entries, not its distinct operators, so that each
     * keeps its name (entries of one name and kind are one line): for explaining one estimate, not for a
     * scheduler's loop.
     *
     * @param step      the training graph, not null
     * @param training  whether to include the backward pass and the optimizer update
     * @param batch     samples per step
     * @param hardware  the device
     * @param precision the precision
     * @param top       how many operators to list, most time first, >= 1
     * @return the breakdown of the step
     */
    public StepBreakdown explain(TrainingGraph step, boolean training, long batch, HardwareSpec hardware,
                                 Precision precision, int top) {
        Objects.requireNonNull(step, "step");
        Checks.atLeast("top", top, 1);
        Accumulator a = new Accumulator(hardware, precision, batch);
        List<StepBreakdown.OperatorTime> times = new ArrayList<>();
        a.explain(step.forward(), times);
        if (training) {
            a.explain(step.backward(), times);
            OptimizerUpdate update = step.update();
            double updateSeconds = a.add(update);
            if (updateSeconds > 0) {
                times.add(new StepBreakdown.OperatorTime("optimizer." + update.optimizer().id(), "optimizer", 1,
                        updateSeconds, 0, false, false));
            }
        }
        Breakdown sum = a.result();
        List<StepBreakdown.OperatorTime> ranked = byNameAndKind(times).stream()
                .sorted(Comparator.comparingDouble(StepBreakdown.OperatorTime::seconds).reversed()).limit(top)
                .map(t -> new StepBreakdown.OperatorTime(t.name(), t.kind(), t.calls(), t.seconds(),
                        sum.seconds() == 0 ? 0 : t.seconds() / sum.seconds(), t.computeBound(), t.modelled()))
                .toList();
        return new StepBreakdown(sum.seconds(), sum.launchSeconds(), sum.kernels(), sum.seconds(), ranked);
    }

    /**
     * Entries of one name and kind as one line (a catalogue graph names the 16 convolutions of a ResNet stage
     * {@code layer*.*.conv*} whatever their shapes): calls and time added, bound and source of the larger part.
     */
    private static List<StepBreakdown.OperatorTime> byNameAndKind(List<StepBreakdown.OperatorTime> times) {
        Map<String, StepBreakdown.OperatorTime> merged = new LinkedHashMap<>();
        for (StepBreakdown.OperatorTime t : times) {
            merged.merge(t.name() + '\u0000' + t.kind(), t, (x, y) -> {
                StepBreakdown.OperatorTime larger = x.seconds() >= y.seconds() ? x : y;
                return new StepBreakdown.OperatorTime(x.name(), x.kind(), x.calls() + y.calls(),
                        x.seconds() + y.seconds(), 0, larger.computeBound(), larger.modelled());
            });
        }
        return List.copyOf(merged.values());
    }

    private final class Accumulator {
        private final HardwareSpec hardware;
        private final Precision precision;
        private final DeviceFigures device;
        private final long batch;
        private double modelled;
        private double roofline;
        private long kernels;
        private boolean lastComputeBound;
        private boolean lastModelled;

        Accumulator(HardwareSpec hardware, Precision precision, long batch) {
            this.hardware = Objects.requireNonNull(hardware, "hardware");
            this.precision = Objects.requireNonNull(precision, "precision");
            Checks.atLeast("batch", batch, 1L);
            this.batch = batch;
            this.device = DeviceFigures.of(hardware, precision);
        }

        void add(OperatorGraph graph) {
            for (OperatorGraph.Counted c : graph.distinct()) {
                add(c.operator().atBatch(batch), c.repeat());
            }
        }

        /** Every entry of {@code graph} under its own name, added to the sum and listed in {@code out}. */
        void explain(OperatorGraph graph, List<StepBreakdown.OperatorTime> out) {
            List<OperatorGraph.Entry> entries = graph.entries();
            for (int i = 0; i < entries.size(); i++) {
                OperatorGraph.Entry e = entries.get(i);
                double seconds = add(e.operator().atBatch(batch), e.repeat());
                String name = e.name() == null ? graph.source() == null ? e.operator().kind().id() + "[" + i + "]"
                        : e.operator().kind().id() + "[" + i + "] (" + graph.source() + ")" : e.name();
                out.add(new StepBreakdown.OperatorTime(name, e.operator().kind().id(), e.repeat(), seconds, 0,
                        lastComputeBound, lastModelled));
            }
        }

        /**
         * Adds {@code repeat} calls of {@code op} (as it runs, batch folded in): the per-operator model's work time
         * when it has the operator's family, else its roofline time. Returns their seconds, and leaves in
         * {@code lastComputeBound} and {@code lastModelled} which side of the roofline it is on and who timed it.
         */
        private double add(Operator op, long repeat) {
            double seconds;
            if (model.supports(op)) {
                OperatorPrediction p = model.predict(op, hardware, precision);
                seconds = repeat * p.workSeconds();
                lastComputeBound = p.computeBound();
                lastModelled = true;
                modelled += seconds;
            } else {
                OperatorRoofline r = OperatorRoofline.of(op, device);
                seconds = repeat * r.seconds();
                lastComputeBound = r.computeBound();
                lastModelled = false;
                roofline += seconds;
            }
            kernels += repeat;
            return seconds;
        }

        /** Adds the update's roofline time (one kernel) and returns it; 0 when there is nothing to update. */
        double add(OptimizerUpdate update) {
            if (update.parameters() == 0 || update.flops() == 0 && update.bytes() == 0) {
                return 0;
            }
            double seconds = Math.max(update.flops() / device.fp32PeakFlopsPerSecond(),
                    update.bytes() / device.memoryBandwidthBytesPerSecond());
            roofline += seconds;
            kernels += 1;
            return seconds;
        }

        Breakdown result() {
            double launch = kernels * launchSecondsPerKernel;
            return new Breakdown(modelled + roofline + launch, modelled, roofline, launch, kernels);
        }
    }
}
