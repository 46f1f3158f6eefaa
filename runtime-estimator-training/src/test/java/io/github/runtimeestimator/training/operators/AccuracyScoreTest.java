package io.github.runtimeestimator.training.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores and the table, checked by hand. */
class AccuracyScoreTest {

    @Test
    void medianApeShareWithin25AndBias() {
        AccuracyScore s = AccuracyScore.of(new double[] {1.1, 2.0, 4.0, 0.5}, new double[] {1.0, 1.0, 4.0, 1.0});

        // APEs 0.1, 1.0, 0.0, 0.5: median 0.3; within 25%: 2 of 4
        assertThat(s.rows()).isEqualTo(4);
        assertThat(s.medianApe()).isCloseTo(0.3, within(1e-12));
        assertThat(s.within25Percent()).isEqualTo(0.5);
        // ln ratios ln 1.1, ln 2, 0, ln 0.5: median (0 + ln 1.1) / 2
        assertThat(s.medianLogRatio()).isCloseTo(Math.log(1.1) / 2, within(1e-12));
    }

    @Test
    void theTableHasOneLinePerCell() {
        AccuracyScore a = AccuracyScore.of(new double[] {1.1}, new double[] {1.0});
        AccuracyScore b = AccuracyScore.of(new double[] {0.5}, new double[] {1.0});
        OperatorAccuracy acc = new OperatorAccuracy(List.of(new OperatorAccuracy.Cell(OperatorFamily.SOFTMAX,
                "nvidia-t4-16gb", Precision.FP32, List.of("nvidia-p4-8gb/fp32"), a, b, b)));

        assertThat(acc.toMarkdown()).endsWith("| softmax | nvidia-t4-16gb | fp32 | 1 | 10.0% | 100% | +0.10 | 50.0% "
                + "| 50.0% |\n");
        assertThat(acc.cells(OperatorFamily.SOFTMAX)).hasSize(1);
        assertThat(acc.cells(OperatorFamily.MATMUL)).isEmpty();
    }
}
