package io.github.runtimeestimator.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.models.ModelDescriber;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The undescribed view hides the held-out models' descriptors, graphs and names, and nothing else. */
class UndescribedViewTest {
    private final List<Measurement> data = Fixtures.dataset();

    @Test
    void heldOutRowsKeepOnlyNameFamilyFiguresAndInputShapeAndTrainingRowsAreUntouched() {
        List<Fold> plain = Splits.leaveOneModelOut().folds(data);
        List<Fold> undescribed = Splits.undescribed(Splits.leaveOneModelOut()).folds(data);

        assertThat(Splits.undescribed(Splits.leaveOneModelOut()).id()).isEqualTo("leave-model-out/undescribed");
        assertThat(undescribed).hasSameSizeAs(plain);
        for (int f = 0; f < plain.size(); f++) {
            assertThat(undescribed.get(f).train()).isEqualTo(plain.get(f).train());
            assertThat(undescribed.get(f).heldOutModels()).isEqualTo(plain.get(f).heldOutModels());
            for (int i = 0; i < plain.get(f).test().size(); i++) {
                ModelSpec before = plain.get(f).test().get(i).workload().model();
                ModelSpec after = undescribed.get(f).test().get(i).workload().model();
                assertThat(after.name()).isEqualTo(ModelDescriber.WITHHELD_PREFIX + before.name());
                assertThat(after.family()).isEqualTo(before.family());
                assertThat(after.parameters()).isEqualTo(before.parameters());
                assertThat(after.flopsPerSample()).isEqualTo(before.flopsPerSample());
                assertThat(after.inputShape()).isEqualTo(before.inputShape());
                assertThat(after.leafLayers()).isNull();
                assertThat(after.activationElementsPerSample()).isNull();
                assertThat(after.graph()).isNull();
                assertThat(undescribed.get(f).test().get(i).seconds())
                        .isEqualTo(plain.get(f).test().get(i).seconds());
            }
        }
    }
}
