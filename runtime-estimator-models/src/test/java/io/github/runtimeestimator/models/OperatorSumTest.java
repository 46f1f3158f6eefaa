package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.Matmul;
import io.github.runtimeestimator.core.graph.Normalization;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import io.github.runtimeestimator.core.graph.Pooling;
import io.github.runtimeestimator.core.graph.TrainingGraph;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.models.operators.OperatorRoofline;
import io.github.runtimeestimator.models.operators.OperatorSum;
import org.junit.jupiter.api.Test;

/**
 * {@link OperatorSum} on a small hand-built graph: two layers of a linear layer and an RMS norm, and a pooling
 * (a kind without a family), summed by hand from the per-operator model's predictions and the roofline.
 */
class OperatorSumTest {
    private static final HardwareSpec H100 = HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb");
    private static final Matmul LINEAR = Matmul.linear(128, 1024, 1024, true);
    private static final Normalization NORM = new Normalization(Normalization.Variant.RMS, 128, 1024);
    private static final Pooling POOL = new Pooling(Pooling.Variant.MAX, 4096, 4);
    private static final OperatorGraph GRAPH = OperatorGraph.builder().add(LINEAR, 2, "layers.*.linear")
            .add(NORM, 2, "layers.*.norm").add(POOL, "pool").build();
    private static final double LAUNCH = 5e-6;

    private final OperatorModel model = OperatorModelArtifactTest.model();
    private final OperatorSum sum = new OperatorSum(model, LAUNCH);

    @Test
    void aForwardPassIsTheWorkOfEachOperatorTimesItsRepeatsPlusALaunchPerKernel() {
        long batch = 4;
        DeviceFigures d = DeviceFigures.of(H100, Precision.FP16);
        double linear = model.predict(LINEAR.atBatch(batch), H100, Precision.FP16).workSeconds();
        double norm = model.predict(NORM.atBatch(batch), H100, Precision.FP16).workSeconds();
        double pool = OperatorRoofline.of(POOL.atBatch(batch), d).seconds();

        OperatorSum.Breakdown b = sum.forward(GRAPH, batch, H100, Precision.FP16);

        assertThat(b.kernels()).isEqualTo(5);
        assertThat(b.modelledSeconds()).isCloseTo(2 * linear + 2 * norm, within(1e-15));
        assertThat(b.rooflineSeconds()).isCloseTo(pool, within(1e-18));
        assertThat(b.launchSeconds()).isCloseTo(5 * LAUNCH, within(1e-18));
        assertThat(b.seconds()).isCloseTo(2 * linear + 2 * norm + pool + 5 * LAUNCH, within(1e-15));
        assertThat(b.rooflineShare()).isCloseTo(pool / (2 * linear + 2 * norm + pool), within(1e-12));
    }

    @Test
    void aTrainingStepAddsTheBackwardGraphAndTheOptimizerUpdate() {
        TrainingGraph step = TrainingGraph.derive(GRAPH, Optimizer.ADAM);
        OperatorSum.Breakdown forward = sum.forward(GRAPH, 8, H100, Precision.FP16);
        OperatorSum.Breakdown backward = sum.forward(step.backward(), 8, H100, Precision.FP16);
        DeviceFigures d = DeviceFigures.of(H100, Precision.FP16);
        double update = Math.max(step.update().flops() / d.fp32PeakFlopsPerSecond(),
                step.update().bytes() / d.memoryBandwidthBytesPerSecond());

        OperatorSum.Breakdown b = sum.trainingStep(step, 8, H100, Precision.FP16);

        assertThat(b.kernels()).isEqualTo(forward.kernels() + backward.kernels() + 1);
        assertThat(b.seconds()).isCloseTo(forward.seconds() + backward.seconds() + update + LAUNCH,
                within(1e-12 * b.seconds()));
        assertThat(b.seconds()).isGreaterThan(2 * forward.seconds());
    }

    @Test
    void aNegativeLaunchOverheadIsRefused() {
        assertThatThrownBy(() -> new OperatorSum(model, -1e-6)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("launchSecondsPerKernel");
    }
}
