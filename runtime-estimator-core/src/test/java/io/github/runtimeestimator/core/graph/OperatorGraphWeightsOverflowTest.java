package io.github.runtimeestimator.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.SpecValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Weights are exact or refused: a graph whose weights would overflow a long is refused naming them (it used to
 * wrap around silently, or end in an ArithmeticException), and a recurrent network of any number of layers
 * counts its weights at once (it used to loop over the layers: a graph stating 10^18 layers never finished).
 */
class OperatorGraphWeightsOverflowTest {
    @Test
    void weightsBeyondALongAreARuleNotAWrapAround() {
        Embedding huge = new Embedding(1, 4096, Long.MAX_VALUE / 2048, false);

        assertThatThrownBy(() -> OperatorGraph.builder().add(huge, 1, "embed").build())
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("graph.weights")
                .hasMessageContaining("more than 9223372036854775807 parameters");
        Matmul wide = Matmul.linear(1, 4_000_000_000L, 4_000_000_000L, false);
        assertThatThrownBy(() -> OperatorGraph.builder().add(wide, 1, "fc").build())
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("graph.weights");
    }

    @Test
    void aRecurrentNetworkCountsItsWeightsInClosedFormForAnyNumberOfLayers() {
        Recurrent two = new Recurrent(Recurrent.Cell.LSTM, 16, 32, 64, 2);
        long g = 4;
        long perLayer0 = g * 64 * (32 + 64) + 2 * g * 64;
        long perLayer1 = g * 64 * (64 + 64) + 2 * g * 64;
        assertThat(two.weights()).isEqualTo(perLayer0 + perLayer1);

        Recurrent deep = new Recurrent(Recurrent.Cell.GRU, 16, 1, 1, 100_000_000_000_000_000L);
        long gru = 3 * 1 * (1 + 1) + 2 * 3 * 1; // every layer: input and hidden size 1
        // a guard against the old loop over 10^15 layers, which never finished, not a performance figure
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThat(deep.weights()).isEqualTo(gru * 100_000_000_000_000_000L));

        assertThatThrownBy(() -> new Recurrent(Recurrent.Cell.LSTM, 16, 32, 64, Long.MAX_VALUE / 2))
                .isInstanceOf(SpecValidationException.class).hasMessageStartingWith("recurrent = ")
                .hasMessageContaining("layers " + Long.MAX_VALUE / 2).hasMessageContaining("multiply beyond");
        assertThatThrownBy(() -> new Recurrent(Recurrent.Cell.GRU, 4_000_000_000L, 4_000_000_000L, 8, 8, 1, false,
                true)).as("batch x sequence length").isInstanceOf(SpecValidationException.class);
    }
}
