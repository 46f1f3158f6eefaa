package io.github.runtimeestimator.training.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.models.operators.DeviceFigures;
import io.github.runtimeestimator.models.operators.LaunchFloors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device floors and the fallbacks for devices the training data did not have. */
class LaunchFloorFitTest {

    private static DeviceFigures device(String id, String vendor, boolean gpu, Precision precision) {
        return new DeviceFigures(id, vendor, gpu, 100, 1500, 1e14, 2e13, 1e12, 4e7, 300, precision);
    }

    @Test
    void aDevicesFloorIsTheInterceptOfItsSmallestRows() {
        // seconds = 4 + 2 x base on the smallest fifth (bases 1..4); larger rows do not count
        double[] base = {1, 2, 3, 4, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200};
        double[] seconds = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            seconds[i] = i < 4 ? 4 + 2 * base[i] : 1000 + base[i];
        }
        assertThat(LaunchFloorFit.deviceFloor(seconds, base)).isCloseTo(4, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void theFloorIsCappedByTheSmallRowsMedianAndNeverNegative() {
        // all small rows take 30 whatever their base: the intercept is 30, their median too
        double[] base = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] flat = {30, 30, 30, 30, 30, 30, 30, 30, 30, 30};
        assertThat(LaunchFloorFit.deviceFloor(flat, base)).isEqualTo(30);
        // a line with a negative intercept gives 0
        double[] steep = {1, 5, 9, 13, 17, 21, 25, 29, 33, 37};
        assertThat(LaunchFloorFit.deviceFloor(steep, base)).isZero();
        // a falling line (noise) would put the intercept above the rows: their median caps it
        double[] falling = {40, 38, 36, 34, 32, 30, 28, 26, 24, 22};
        assertThat(LaunchFloorFit.deviceFloor(falling, base)).isEqualTo(39);
    }

    @Test
    void anUnseenDeviceGetsTheMedianOfItsKindVendorAndPrecisionClass() {
        LaunchFloors floors = LaunchFloorFit.fit(List.of(
                new LaunchFloorFit.DeviceFloor(device("a", "nvidia", true, Precision.FP32), 30e-6),
                new LaunchFloorFit.DeviceFloor(device("b", "nvidia", true, Precision.FP32), 50e-6),
                new LaunchFloorFit.DeviceFloor(device("c", "nvidia", true, Precision.FP32), 40e-6),
                new LaunchFloorFit.DeviceFloor(device("d", "nvidia", true, Precision.FP16), 4e-6),
                new LaunchFloorFit.DeviceFloor(device("e", "amd", true, Precision.FP32), 16e-6)));

        assertThat(floors.seconds(device("x", "nvidia", true, Precision.FP32))).isEqualTo(40e-6);
        assertThat(floors.seconds(device("x", "nvidia", true, Precision.BF16))).isEqualTo(4e-6);
        assertThat(floors.seconds(device("x", "amd", true, Precision.FP32))).isEqualTo(16e-6);
        assertThat(floors.seconds(device("x", "amd", true, Precision.FP16))).as("gpu/tensor").isEqualTo(4e-6);
        assertThat(floors.seconds(device("x", "intel", false, Precision.FP32))).as("all").isEqualTo(30e-6);
        assertThat(floors.secondsByKey()).containsEntry("gpu/nvidia/fp32", 40e-6).containsEntry("gpu", 30e-6);
    }

    @Test
    void noTrainingDeviceMeansNoFloor() {
        assertThat(LaunchFloorFit.fit(List.of()).seconds(device("x", "nvidia", true, Precision.FP32))).isZero();
    }
}
