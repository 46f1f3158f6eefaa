package io.github.runtimeestimator.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The activation-size fallback has one home: a descriptor always wins, and each fallback is the formula it names. */
class ActivationElementsTest {
    private static final ModelSpec UNDESCRIBED = ModelSpec.builder().name("net").parameters(10_000)
            .flopsPerSample(3e6).build();

    @Test
    void aDescriptorWinsOverBothFallbacks() {
        ModelSpec described = UNDESCRIBED.toBuilder().activationElementsPerSample(1234.0).build();

        assertThat(ActivationElements.perSample(described)).isEqualTo(1234.0);
        assertThat(ActivationElements.physicsV2PerSample(described)).isEqualTo(1234.0);
    }

    @Test
    void withoutOneTheFallbacksAreFlopsOver300AndPhysicsV2sFanInProxy() {
        // 3e6 FLOPs / 300 per element
        assertThat(ActivationElements.perSample(UNDESCRIBED)).isEqualTo(10_000.0);
        // fan-in min(sqrt(10,000), 512) = 100: 3e6 / (2 x 100)
        assertThat(ActivationElements.physicsV2PerSample(UNDESCRIBED)).isEqualTo(15_000.0);
    }
}
