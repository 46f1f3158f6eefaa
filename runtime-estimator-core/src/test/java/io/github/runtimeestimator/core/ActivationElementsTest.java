package io.github.runtimeestimator.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The activation-size fallback has one home and one formula: a descriptor always wins, else FLOPs / 300. */
class ActivationElementsTest {
    private static final ModelSpec UNDESCRIBED = ModelSpec.builder().name("net").parameters(10_000)
            .flopsPerSample(3e6).build();

    @Test
    void aDescriptorWinsOverTheFallback() {
        ModelSpec described = UNDESCRIBED.toBuilder().activationElementsPerSample(1234.0).build();

        assertThat(ActivationElements.perSample(described)).isEqualTo(1234.0);
    }

    @Test
    void withoutOneTheFallbackIsFlopsOver300() {
        // 3e6 FLOPs / 300 per element
        assertThat(ActivationElements.perSample(UNDESCRIBED)).isEqualTo(10_000.0);
    }
}
