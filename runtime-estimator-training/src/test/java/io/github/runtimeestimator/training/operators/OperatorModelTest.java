package io.github.runtimeestimator.training.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.Matmul;
import io.github.runtimeestimator.core.graph.Pooling;
import io.github.runtimeestimator.core.graph.Softmax;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import io.github.runtimeestimator.models.operators.OperatorModel;
import io.github.runtimeestimator.models.operators.OperatorPrediction;
import io.github.runtimeestimator.models.operators.internal.OperatorFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Training and leave-one-GPU-out on synthetic kernels that follow a known law (a launch floor plus the base time
 * over an efficiency that depends on the shape only): what the model must recover on a device it never saw.
 */
class OperatorModelTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    private static final List<String> GPUS = List.of("nvidia-h100-sxm-80gb", "nvidia-a100-sxm-80gb",
            "nvidia-a40-48gb", "nvidia-l4-24gb", "nvidia-v100-sxm2-32gb");
    private static final double FLOOR = 4e-6;
    private static final OperatorTrainingOptions FAST = OperatorTrainingOptions.DEFAULTS.withTrees(80)
            .withMaxDepth(4).withThreads(1);

    /** Efficiency of the synthetic law: rises with the contraction depth, 0.3 to 0.8. */
    private static double efficiency(Matmul mm) {
        return 0.3 + 0.5 * Math.min(1.0, mm.k() / 2048.0);
    }

    private static List<KernelMeasurement> synthetic(int perDevice, long seed) {
        Random random = new Random(seed);
        List<KernelMeasurement> rows = new ArrayList<>();
        for (String id : GPUS) {
            HardwareSpec hw = CATALOG.require(id);
            DeviceFigures d = DeviceFigures.of(hw, Precision.FP16);
            for (int i = 0; i < perDevice; i++) {
                Matmul mm = Matmul.linear(64L << random.nextInt(7), 64L << random.nextInt(7),
                        64L << random.nextInt(7), false);
                double base = OperatorFeatures.of(mm, d).baseSeconds();
                rows.add(KernelMeasurement.of(mm, hw, Precision.FP16, FLOOR + base / efficiency(mm)));
            }
        }
        return rows;
    }

    @Test
    void aShapeOnlyEfficiencyCarriesOverToAnUnseenGpu() {
        OperatorAccuracy accuracy = new LeaveOneGpuOut(FAST).evaluate(synthetic(300, 11));

        assertThat(accuracy.cells()).hasSize(GPUS.size()).allSatisfy(c -> {
            assertThat(c.family()).isEqualTo(OperatorFamily.MATMUL);
            assertThat(c.model().rows()).isEqualTo(300);
            assertThat(c.trainedOn()).hasSize(GPUS.size() - 1).noneMatch(t -> t.startsWith(c.hardwareId()));
            assertThat(c.model().medianApe()).as("held out %s", c.hardwareId()).isLessThan(0.05);
            assertThat(c.model().medianApe()).isLessThan(c.roofline().medianApe());
        });
    }

    @Test
    void aTrainedModelPredictsFloorPlusWork() {
        OperatorModel model = new OperatorModelTrainer(FAST).train(synthetic(300, 12));
        HardwareSpec h100 = CATALOG.require("nvidia-h100-sxm-80gb");
        Matmul mm = Matmul.linear(1024, 1024, 2048, false);

        OperatorPrediction p = model.predict(mm, h100, Precision.FP16);

        double base = OperatorFeatures.of(mm, DeviceFigures.of(h100, Precision.FP16)).baseSeconds();
        assertThat(model.families()).containsExactly(OperatorFamily.MATMUL);
        assertThat(p.family()).isEqualTo(OperatorFamily.MATMUL);
        assertThat(p.floorSeconds()).as("the intercept of the smallest rows").isCloseTo(FLOOR, within(0.1 * FLOOR));
        assertThat(p.seconds()).isEqualTo(p.floorSeconds() + p.workSeconds());
        assertThat(p.baseSeconds()).isEqualTo(base);
        assertThat(p.efficiency()).isCloseTo(0.8, within(0.05));
        assertThat(p.seconds()).isCloseTo(FLOOR + base / 0.8, within(0.05 * (FLOOR + base / 0.8)));
        assertThat(model.family(OperatorFamily.MATMUL).orElseThrow().trainedOn()).hasSize(GPUS.size());
    }

    @Test
    void operatorsOfFamiliesItWasNotTrainedOnAreRefused() {
        OperatorModel model = new OperatorModelTrainer(FAST).train(synthetic(50, 13));
        HardwareSpec h100 = CATALOG.require("nvidia-h100-sxm-80gb");

        assertThat(model.supports(new Softmax(10, 10))).isFalse();
        assertThatThrownBy(() -> model.predict(new Softmax(10, 10), h100, Precision.FP16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("softmax");
        assertThatThrownBy(() -> model.predict(new Pooling(Pooling.Variant.MAX, 10, 4), h100, Precision.FP16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pooling");
    }

    @Test
    void sameSeedSameModel() {
        List<KernelMeasurement> rows = synthetic(100, 14);
        HardwareSpec l4 = CATALOG.require("nvidia-l4-24gb");
        Matmul mm = Matmul.linear(333, 777, 999, false);

        double a = new OperatorModelTrainer(FAST).train(rows).predict(mm, l4, Precision.FP16).seconds();
        double b = new OperatorModelTrainer(FAST).train(rows).predict(mm, l4, Precision.FP16).seconds();

        assertThat(a).isEqualTo(b);
    }
}
