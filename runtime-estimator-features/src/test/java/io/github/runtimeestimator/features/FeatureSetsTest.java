package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.SpecValidationException;
import org.junit.jupiter.api.Test;

class FeatureSetsTest {

    @Test
    void byIdFindsEveryListedSet() {
        assertThat(FeatureSets.ids()).containsExactly("seed", "physics");
        for (String id : FeatureSets.ids()) {
            assertThat(FeatureSets.byId(id).id()).isEqualTo(id);
        }
        assertThat(FeatureSets.byId("seed")).isSameAs(FeatureSets.seed());
        assertThat(FeatureSets.byId("physics")).isSameAs(FeatureSets.physics());
    }

    @Test
    void byIdNamesTheKnownIdsForAnUnknownOne() {
        assertThatThrownBy(() -> FeatureSets.byId("roofline"))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("\"roofline\"").hasMessageContaining("[seed, physics]");
        assertThatThrownBy(() -> FeatureSets.byId(null))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("[seed, physics]");
    }

    @Test
    void byIdAndVersionGivesTheCurrentSetOrAKeptEarlierOne() {
        assertThat(FeatureSets.byId("physics", 3)).isSameAs(FeatureSets.physics());
        assertThat(FeatureSets.byId("seed", 1)).isSameAs(FeatureSets.seed());
        FeatureExtractor v2 = FeatureSets.byId("physics", 2);
        assertThat(v2.id()).isEqualTo("physics");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.names()).isEqualTo(FeatureSets.physics().names());
        assertThat(FeatureSets.byId("physics", 2)).isSameAs(v2);
        assertThatThrownBy(() -> FeatureSets.byId("physics", 1))
                .isInstanceOf(SpecValidationException.class)
                .satisfies(e -> assertThat(((SpecValidationException) e).field()).isEqualTo("featureSet.version"))
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> FeatureSets.byId("seed", 2)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("seed").hasMessageContaining("[1]");
    }

    @Test
    void namesAreFixedOncePerSet() {
        assertThat(FeatureSets.physics().names()).isSameAs(FeatureSets.physics().names());
        assertThat(FeatureSets.physics().extract(Specs.resnet50InferBf16OnH100()).names())
                .isSameAs(FeatureSets.physics().names());
    }
}
