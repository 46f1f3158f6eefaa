package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Number cells are written so that they read back as the same double. */
class SchemaV1NumbersTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0178239130000008, 3e-05, 6.088550000526993e-05, 0.1, 79.2, 2100, 23027253248.0,
            1e15, 1.2345678901234567e16, 5e-324, Double.MAX_VALUE, 1.0 / 3, -2.5, -0.0, 0.0, 1e-4, 9.999e-5,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void formatParsesBackToTheSameDouble(double v) throws RowFault {
        String text = SchemaV1Numbers.format(v);
        assertThat(Double.compare(SchemaV1Numbers.parseDouble("x", text), v)).as(text).isZero();
    }

    @Test
    void formatWritesLikeTheCollector() {
        assertThat(SchemaV1Numbers.format(23027253248.0)).isEqualTo("23027253248");
        assertThat(SchemaV1Numbers.format(0.0003)).isEqualTo("0.0003");
        assertThat(SchemaV1Numbers.format(3e-05)).isEqualTo("3e-05");
        assertThat(SchemaV1Numbers.format(6.088550000526993e-05)).isEqualTo("6.088550000526993e-05");
        assertThat(SchemaV1Numbers.format(79.2)).isEqualTo("79.2");
        assertThat(SchemaV1Numbers.format(Double.NaN)).isEmpty();
    }

    @Test
    void parsingRefusesJavaOnlySyntax() {
        assertThatThrownBy(() -> SchemaV1Numbers.parseDouble("time_s", "1d")).isInstanceOf(RowFault.class);
        assertThatThrownBy(() -> SchemaV1Numbers.parseDouble("time_s", "0x1p3")).isInstanceOf(RowFault.class);
        assertThatThrownBy(() -> SchemaV1Numbers.parseLong("params", "12.5")).isInstanceOf(RowFault.class);
    }

    @Test
    void parsingAcceptsWhatPythonWrites() throws RowFault {
        assertThat(SchemaV1Numbers.parseDouble("x", "nan")).isNaN();
        assertThat(SchemaV1Numbers.parseDouble("x", "inf")).isInfinite();
        assertThat(SchemaV1Numbers.parseDouble("x", "1e-05")).isEqualTo(1e-5);
        assertThat(SchemaV1Numbers.parseLong("x", "1e3")).isEqualTo(1000);
    }
}
