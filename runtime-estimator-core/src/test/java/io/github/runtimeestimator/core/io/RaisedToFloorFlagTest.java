package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Estimate;
import org.junit.jupiter.api.Test;

/** The estimate's flag for an answer raised to the physical floor: written only when set, read back exactly. */
class RaisedToFloorFlagTest {
    @Test
    void anEstimateRaisedToTheFloorSaysSoAndOthersDoNot() {
        Estimate raised = new Estimate(2, 2, 3, 2, 1, 0.8, "x", Double.NaN, true);
        Estimate plain = new Estimate(2, 1, 3, 2, 1, 0.8, "x");
        assertThat(SpecJson.writeEstimate(raised)).contains("\"raisedToPhysicalFloor\" : true");
        assertThat(SpecJson.writeEstimate(plain)).doesNotContain("raisedToPhysicalFloor");
        assertThat(SpecJson.readEstimate(SpecJson.writeEstimate(raised))).isEqualTo(raised);
        assertThat(SpecJson.readEstimate(SpecJson.writeEstimate(plain))).isEqualTo(plain);
    }
}
