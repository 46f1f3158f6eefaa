package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.SpecValidationException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"90s, 90", "15m, 900", "2h, 7200", "1h30m, 5400", "1h30m15s, 5415", "2d, 172800",
            "' 2H ', 7200", "PT1H30M, 5400", "0s, 0"})
    void parsesShortAndIsoDurations(String text, long seconds) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "90", "1.5h", "30m1h", "-5m", "h", "1y", "PTXH"})
    void rejectsAnythingElseNamingTheFieldAndTheForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("deadline = ")
                .hasMessageContaining("must be a duration like 90s, 15m, 2h, 1h30m");
    }

    @ParameterizedTest
    @CsvSource({"5400, 1h30m", "45, 45s", "0, 0s", "3600, 1h", "3725, 1h2m5s"})
    void formatsAsItParses(long seconds, String text) {
        assertThat(Durations.format(Duration.ofSeconds(seconds))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
