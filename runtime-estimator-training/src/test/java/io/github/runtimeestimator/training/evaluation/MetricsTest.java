package io.github.runtimeestimator.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double[] MEASURED = {1, 2, 4, 10};
    private static final double[] PREDICTED = {1.05, 1.6, 4, 13};

    @Test
    void computesEveryMetricAsWorkedOutByHand() {
        Metrics m = Metrics.of(MEASURED, PREDICTED);

        // errors: +0.05, -0.4, 0, +3 ; relative: 0.05, 0.2, 0, 0.3
        assertThat(m.rows()).isEqualTo(4);
        assertThat(m.maeSeconds()).isCloseTo(3.45 / 4, within(1e-12));
        assertThat(m.rmseSeconds()).isCloseTo(Math.sqrt((0.0025 + 0.16 + 0 + 9) / 4), within(1e-12));
        assertThat(m.mape()).isCloseTo(0.55 / 4, within(1e-12));
        assertThat(m.medianApe()).isCloseTo((0.05 + 0.2) / 2, within(1e-12));
        assertThat(m.within10pct()).isEqualTo(0.5);
        assertThat(m.within25pct()).isEqualTo(0.75);
        double meanLog = (Math.log(1) + Math.log(2) + Math.log(4) + Math.log(10)) / 4;
        double ssTot = Math.pow(Math.log(1) - meanLog, 2) + Math.pow(Math.log(2) - meanLog, 2)
                + Math.pow(Math.log(4) - meanLog, 2) + Math.pow(Math.log(10) - meanLog, 2);
        double ssRes = Math.pow(Math.log(1.05), 2) + Math.pow(Math.log(0.8), 2) + Math.pow(Math.log(1.3), 2);
        assertThat(m.r2LogTime()).isCloseTo(1 - ssRes / ssTot, within(1e-12));
    }

    @Test
    void intervalCoverageIsTheShareOfMeasuredTimesInsideTheInterval() {
        List<Measurement> rows = Fixtures.dataset().stream().filter(Measurement::isOk).limit(4).toList();
        double t0 = rows.get(0).seconds();
        double t1 = rows.get(1).seconds();
        double t2 = rows.get(2).seconds();
        double t3 = rows.get(3).seconds();
        List<Prediction> predictions = List.of(
                new Prediction(rows.get(0), "f", t0, t0 * 0.5, t0 * 2),      // inside
                new Prediction(rows.get(1), "f", t1, t1, t1),                // on both bounds: inside
                new Prediction(rows.get(2), "f", t2 * 2, t2 * 1.5, t2 * 3),  // above the measured time: outside
                new Prediction(rows.get(3), "f", t3));                       // point only, exact: inside
        assertThat(Metrics.of(predictions).intervalCoverage()).isEqualTo(0.75);
        assertThat(Metrics.of(MEASURED, PREDICTED).intervalCoverage()).isNaN();
    }

    @Test
    void perfectPredictionsScorePerfectly() {
        Metrics m = Metrics.of(MEASURED, MEASURED.clone());
        assertThat(m.maeSeconds()).isZero();
        assertThat(m.mape()).isZero();
        assertThat(m.within10pct()).isEqualTo(1.0);
        assertThat(m.r2LogTime()).isEqualTo(1.0);
    }

    @Test
    void maeLogTimeIsTheMeanAbsoluteLogRatio() {
        assertThat(Metrics.maeLogTime(MEASURED, PREDICTED))
                .isCloseTo((Math.log(1.05) + Math.abs(Math.log(0.8)) + 0 + Math.log(1.3)) / 4, within(1e-12));
    }

    @Test
    void noRowsGiveNaNMetricsNotAnError() {
        Metrics m = Metrics.of(new double[0], new double[0]);
        assertThat(m.rows()).isZero();
        assertThat(m.maeSeconds()).isNaN();
        assertThat(m.r2LogTime()).isNaN();
    }

    @Test
    void constantTargetsHaveNoR2() {
        assertThat(Metrics.of(new double[] {2, 2}, new double[] {1, 3}).r2LogTime()).isNaN();
    }

    @Test
    void zeroPredictionIsFlooredForTheLogInsteadOfGivingInfinity() {
        Metrics m = Metrics.of(new double[] {1, 2}, new double[] {0, 2});
        assertThat(m.r2LogTime()).isFinite();
    }

    @Test
    void rejectsMismatchedLengthsAndNonPositiveMeasurements() {
        assertThatThrownBy(() -> Metrics.of(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
        assertThatThrownBy(() -> Metrics.of(new double[] {0}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("measured[0] = 0.0");
    }
}
