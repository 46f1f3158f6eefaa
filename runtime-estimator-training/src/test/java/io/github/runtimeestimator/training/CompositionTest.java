package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.models.EpochOverhead;
import io.github.runtimeestimator.models.PhaseInterval;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.training.internal.Fits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Epochs and jobs are composed from the step estimate: steps x step x (1 + overhead) per epoch, times epochs. */
class CompositionTest {
    private static final double TRUE_OVERHEAD = 0.2;
    private static TrainedEstimator estimator;
    private static ModelSpec model;

    @BeforeAll
    static void train() {
        List<Measurement> rows = new ArrayList<>(TestData.synthetic(5));
        // epochs whose time is their steps at the true law plus 20%
        for (Measurement m : TestData.synthetic(6)) {
            if (m.workload().job().phase() == Phase.TRAIN_STEP && m.workload().job().batchSize() >= 16) {
                JobSpec epoch = JobSpec.trainingEpoch(m.workload().job().batchSize(), Optimizer.ADAM, 1e-3, 4096);
                double step = TestData.syntheticSeconds(m.workload().model(), epoch, m.workload().precision());
                rows.add(TestData.ok(m.workload().model(), epoch, m.workload().precision(),
                        epoch.stepsPerEpoch() * step * (1 + TRUE_OVERHEAD), epoch.stepsPerEpoch()));
            }
        }
        estimator = EstimatorTrainer.train(TrainerConfig.of("xgboost", "test"), TestFeatures.V1, rows,
                TrainingOptions.defaults());
        model = rows.get(0).workload().model();
    }

    private static WorkloadSpec spec(JobSpec job) {
        return WorkloadSpec.builder().model(model).job(job).precision(Precision.BF16).hardware(TestData.H100).build();
    }

    @Test
    void overheadIsLearntFromTheEpochRows() {
        EpochOverhead o = estimator.epochOverhead();
        assertThat(o.rows()).isPositive();
        // the step regressor errs by a few percent, so the learnt overhead is near, not at, 20%
        assertThat(o.perStepFraction()).isCloseTo(TRUE_OVERHEAD, within(0.08));
        assertThat(o.perEpochSeconds()).isZero();
    }

    @Test
    void anEpochIsItsStepsPlusOverhead() {
        JobSpec epoch = JobSpec.trainingEpoch(64, Optimizer.ADAM, 1e-3, 10_000);
        Estimate e = estimator.predict(spec(epoch));
        double step = estimator.predictStepSeconds(spec(JobSpec.trainingStep(64, Optimizer.ADAM, 1e-3)));
        long steps = (10_000 + 63) / 64;
        assertThat(e.steps()).isEqualTo(steps).isEqualTo(157);
        assertThat(e.secondsPerStep()).isEqualTo(step);
        EpochOverhead o = estimator.epochOverhead();
        assertThat(e.seconds()).isEqualTo(steps * step * (1 + o.perStepFraction()) + o.perEpochSeconds());
    }

    @Test
    void aJobIsEpochsTimesAnEpoch() {
        Estimate epoch = estimator.predict(spec(JobSpec.trainingEpoch(64, Optimizer.ADAM, 1e-3, 10_000)));
        Estimate job = estimator.predict(spec(JobSpec.training(64, Optimizer.ADAM, 1e-3, 10_000, 7)));
        assertThat(job.steps()).isEqualTo(7 * epoch.steps());
        assertThat(job.seconds()).isCloseTo(7 * epoch.seconds(), within(1e-12 * job.seconds()));
        assertThat(job.lowerSeconds()).isCloseTo(7 * epoch.lowerSeconds(), within(1e-12 * job.seconds()));
        assertThat(job.upperSeconds()).isCloseTo(7 * epoch.upperSeconds(), within(1e-12 * job.seconds()));
    }

    @Test
    void boundsContainTheEstimateAndFollowTheHeldOutQuantiles() {
        for (JobSpec job : List.of(JobSpec.inference(1), JobSpec.inference(256),
                JobSpec.trainingStep(8, Optimizer.SGD, 0.1), JobSpec.trainingEpoch(32, Optimizer.ADAM, 1e-3, 999),
                JobSpec.training(128, Optimizer.ADAMW, 1e-3, 50_000, 90))) {
            Estimate e = estimator.predict(spec(job));
            assertThat(e.lowerSeconds()).as("%s", job).isLessThanOrEqualTo(e.seconds());
            assertThat(e.upperSeconds()).as("%s", job).isGreaterThanOrEqualTo(e.seconds());
            assertThat(e.coverage()).as("%s", job).isBetween(0.7, 0.95);
            PhaseInterval iv = estimator.intervals().forPhase(job.phase());
            if (job.phase() == Phase.INFER || job.phase() == Phase.TRAIN_STEP) {
                assertThat(e.lowerSeconds()).isCloseTo(e.seconds() * Math.exp(iv.lowerLogResidual()),
                        within(1e-12 * e.seconds()));
                assertThat(e.upperSeconds()).isCloseTo(e.seconds() * Math.exp(iv.upperLogResidual()),
                        within(1e-12 * e.seconds()));
            }
        }
        assertThat(estimator.intervals().nominalCoverage()).isEqualTo(0.8);
    }

    @Test
    void overheadFitIsTheMedianExcessRatio() {
        double[] step = {1, 1, 1, 2};
        long[] steps = {10, 10, 10, 5};
        double[] epoch = {11, 13, 12, 30};  // excess 0.1, 0.3, 0.2, 2.0 -> median 0.25
        EpochOverhead o = Fits.epochOverhead(epoch, steps, step);
        assertThat(o.perStepFraction()).isCloseTo(0.25, within(1e-12));
        assertThat(o.rows()).isEqualTo(4);
        assertThat(o.epochSeconds(10, 1)).isCloseTo(12.5, within(1e-12));
        assertThat(Fits.epochOverhead(new double[] {5}, new long[] {10}, new double[] {1}).perStepFraction())
                .as("an epoch faster than its steps adds no negative overhead").isZero();
        assertThat(EpochOverhead.none().epochSeconds(3, 2)).isEqualTo(6);
        assertThat(Fits.epochOverhead(new double[] {1e3}, new long[] {1}, new double[] {1e-7}).perStepFraction())
                .as("capped at what an artifact may hold").isEqualTo(1e6);
    }

    @Test
    void intervalsAreClampedToWhatAnArtifactMayHold() {
        PhaseInterval wide = Fits.interval(new double[] {-100, -90, 0, 90, 100}, 0.1, 0.9);
        assertThat(wide.lowerLogResidual()).isEqualTo(-50);
        assertThat(wide.upperLogResidual()).isEqualTo(50);
        PhaseInterval usual = Fits.interval(new double[] {-0.3, -0.1, 0, 0.2, 0.4}, 0.1, 0.9);
        assertThat(usual.lowerLogResidual()).isCloseTo(-0.22, within(1e-12));
        assertThat(usual.upperLogResidual()).isCloseTo(0.32, within(1e-12));
    }

    @Test
    void aSymmetricIntervalTakesTheQuantileOfTheMagnitudesOnBothSides() {
        // nine residuals on one side and one on the other: signed quantiles would put the lower bound near 0
        double[] oneSided = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, -1.0};
        PhaseInterval signed = Fits.interval(oneSided, 0.1, 0.9);
        PhaseInterval symmetric = Fits.symmetricInterval(oneSided, 0.8);

        assertThat(signed.lowerLogResidual()).isGreaterThan(-0.2);
        assertThat(symmetric.lowerLogResidual()).isEqualTo(-symmetric.upperLogResidual());
        // |r| sorted 0.1 .. 1.0: the 0.8 quantile lies between 0.8 and 0.9
        assertThat(symmetric.upperLogResidual()).isBetween(0.8, 0.9);
        assertThat(symmetric.rows()).isEqualTo(10);
        assertThat(symmetric.coverage()).isEqualTo(0.8);
        assertThat(Fits.symmetricInterval(new double[] {-100, 100}, 0.8).upperLogResidual())
                .as("capped at what an artifact may hold").isEqualTo(50);
    }
}
