package io.github.runtimeestimator.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calibration from a user's own rows (issue 10, item 8), on real rows: the base estimator is trained without the
 * 16-core Xeon (the H100 and EPYC files), the "user" measured 20 steps on the Xeon. Whatever calibration finds, it
 * never hands back an estimator worse on the user's held-out rows than the one it was given.
 */
class UserCalibrationTest {
    private static final TrainerConfig CONFIG = TrainerConfig.of("xgboost", "physics")
            .withHyperParameters(Map.of("trees", "60"));
    private static List<Measurement> base;
    private static List<Measurement> xeon;
    private static TrainedEstimator start;

    @BeforeAll
    static void train() {
        base = new ArrayList<>(TestData.h100());
        base.addAll(TestData.readCsv(RepositoryFiles.dataset("epyc2-pytorch-cpu.csv")));
        start = EstimatorTrainer.train(CONFIG, base, TrainingOptions.defaults().withGroupedIntervals(false));
        List<Measurement> steps = new ArrayList<>(TestData.readCsv(RepositoryFiles.dataset("xeon16-pytorch-cpu.csv"))
                .stream().filter(Measurement::isOk).filter(m -> m.workload().job().phase() != Phase.TRAIN_EPOCH)
                .toList());
        Collections.shuffle(steps, new Random(7));
        xeon = List.copyOf(steps.subList(0, 20));
    }

    @Test
    void theResultIsNeverWorseOnTheUsersHeldOutRowsThanTheBase() {
        UserCalibration.Result r = UserCalibration.calibrate(start, base, xeon, UserCalibration.Options.DEFAULTS);

        assertThat(r.userRows()).isEqualTo(20);
        assertThat(r.before().rows()).isEqualTo(r.after().rows()).isPositive();
        assertThat(r.heldOut()).contains("models held out");
        if (r.calibrated()) {
            assertThat(r.after().medianApe()).isLessThan(r.before().medianApe());
            assertThat(r.estimator()).isNotSameAs(start);
            assertThat(r.estimator().trainingData().hardwareIds()).contains("intel-xeon-emr-16c");
        } else {
            assertThat(r.estimator()).isSameAs(start);
        }
    }

    @Test
    void fewerThanThreeOfTheUsersStepRowsAreRefusedNamingTheData() {
        assertThatThrownBy(() -> UserCalibration.calibrate(start, base, xeon.subList(0, 2),
                UserCalibration.Options.DEFAULTS))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("data")
                .hasMessageContaining("at least 3");
    }

    @Test
    void aWeightBelowOneIsRefused() {
        assertThatThrownBy(() -> new UserCalibration.Options(0, 0.3, 1)).hasMessageContaining("weight");
        assertThatThrownBy(() -> new UserCalibration.Options(5, 1.0, 1)).hasMessageContaining("heldOutShare");
    }
}
