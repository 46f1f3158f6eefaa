package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.Checks;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import io.github.runtimeestimator.core.graph.OptimizerUpdate;
import io.github.runtimeestimator.core.graph.TrainingGraph;
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

        /** Share of the work that only has a roofline time. */
        public double rooflineShare() {
            double work = modelledSeconds + rooflineSeconds;
            return work == 0 ? 0 : rooflineSeconds / work;
        }
    }

    /** One forward pass of {@code graph} at {@code batch} samples on {@code hardware} at {@code precision}. */
    public Breakdown forward(OperatorGraph graph, long batch, HardwareSpec hardware, Precision precision) {
        Objects.requireNonNull(graph, "graph");
        Accumulator a = new Accumulator(hardware, precision, batch);
        a.add(graph);
        return a.result();
    }

    /** One training step: forward, backward and the optimizer update of {@code step}. */
    public Breakdown trainingStep(TrainingGraph step, long batch, HardwareSpec hardware, Precision precision) {
        Objects.requireNonNull(step, "step");
        Accumulator a = new Accumulator(hardware, precision, batch);
        a.add(step.forward());
        a.add(step.backward());
        a.add(step.update());
        return a.result();
    }

    private final class Accumulator {
        private final HardwareSpec hardware;
        private final Precision precision;
        private final DeviceFigures device;
        private final long batch;
        private double modelled;
        private double roofline;
        private long kernels;

        Accumulator(HardwareSpec hardware, Precision precision, long batch) {
            this.hardware = Objects.requireNonNull(hardware, "hardware");
            this.precision = Objects.requireNonNull(precision, "precision");
            Checks.atLeast("batch", batch, 1L);
            this.batch = batch;
            this.device = DeviceFigures.of(hardware, precision);
        }

        void add(OperatorGraph graph) {
            for (OperatorGraph.Counted c : graph.distinct()) {
                var op = c.operator().atBatch(batch);
                if (model.supports(op)) {
                    modelled += c.repeat() * model.predict(op, hardware, precision).workSeconds();
                } else {
                    roofline += c.repeat() * OperatorRoofline.of(op, device).seconds();
                }
                kernels += c.repeat();
            }
        }

        void add(OptimizerUpdate update) {
            if (update.parameters() == 0 || update.flops() == 0 && update.bytes() == 0) {
                return;
            }
            roofline += Math.max(update.flops() / device.fp32PeakFlopsPerSecond(),
                    update.bytes() / device.memoryBandwidthBytesPerSecond());
            kernels += 1;
        }

        Breakdown result() {
            double launch = kernels * launchSecondsPerKernel;
            return new Breakdown(modelled + roofline + launch, modelled, roofline, launch, kernels);
        }
    }
}
