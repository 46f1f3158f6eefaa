package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Descriptors of an undescribed model from the nearest described models of its family. */
class DescriptorInferenceTest {
    private static ModelSpec ref(String name, String family, long params, double flops, long leaf, double act) {
        return ModelSpec.builder().name(name).family(family).parameters(params).flopsPerSample(flops)
                .inputShape("3x32x32").leafLayers(leaf).activationElementsPerSample(act).matmulFlopsPerSample(flops)
                .build();
    }

    private final DescriptorInference inference = DescriptorInference.from(List.of(
            ref("a", "cnn", 1_000_000, 1e9, 20, 1e6),
            ref("b", "cnn", 2_000_000, 2e9, 200, 4e6),
            ref("c", "cnn", 4_000_000, 4e9, 60, 2e6),
            ref("far", "cnn", 900_000_000, 9e12, 7, 1e3),
            ref("m", "mlp", 1_000_000, 2e6, 5, 1e3)));

    private static ModelSpec undescribed(String family, long params, double flops) {
        return ModelSpec.builder().name("mine").family(family).parameters(params).flopsPerSample(flops)
                .inputShape("3x32x32").build();
    }

    @Test
    void theFewestLayersAndTheLeastActivationsOfTheThreeNearestOfTheFamily() {
        ModelSpec inferred = inference.infer(undescribed("cnn", 2_000_000, 2e9));

        assertThat(inferred.leafLayers()).isEqualTo(20L); // of a, b, c; "far" is not among the nearest
        // activations x sqrt(parameters) / FLOPs: a 1.0, b 2.83, c 1.0 -> the least, 1.0, times 2e9 / sqrt(2e6)
        assertThat(inferred.activationElementsPerSample()).isCloseTo(2e9 / Math.sqrt(2e6), within(1e-6));
        assertThat(inferred.matmulFlopsPerSample()).isEqualTo(2e9);
        assertThat(inferred.name()).isEqualTo("mine");
    }

    @Test
    void activationsFollowFlopsOverTheSquareRootOfParametersAcrossWidths() {
        ModelCatalog catalog = ModelCatalog.builtIn();
        ModelSpec wide = catalog.all().stream().filter(m -> m.name().equals("small_cnn_128")).findFirst()
                .orElseThrow();
        DescriptorInference others = DescriptorInference.from(catalog.all()).without(List.of("small_cnn_128"));

        ModelSpec inferred = others.infer(ModelDescriber.withheld(wide));

        // small_cnn_64 (half the width) is among its nearest: a quarter of the weights, a quarter of the FLOPs per
        // activation; activations per FLOP would say 3.4 times too many (from the SqueezeNets beside it)
        assertThat(inferred.activationElementsPerSample() / wide.activationElementsPerSample()).isBetween(0.95, 1.05);
        assertThat(inferred.leafLayers()).isEqualTo(wide.leafLayers());
    }

    @Test
    void aFamilyWithFewerReferencesThanNeighboursUsesEveryReference() {
        ModelSpec inferred = inference.infer(undescribed("mlp", 1_000_000, 2e6));
        assertThat(inferred.leafLayers()).isNotNull();
        assertThat(inference.infer(undescribed("unknown", 1_000_000, 1e9)).leafLayers()).isNotNull();
    }

    @Test
    void aRenamedModelIsRecognisedByItsFiguresOnly() {
        assertThat(inference.byFigures(undescribed("cnn", 2_000_000, 2e9))).hasValueSatisfying(m ->
                assertThat(m.leafLayers()).isEqualTo(200L));
        assertThat(inference.byFigures(undescribed("cnn", 2_100_000, 2e9))).isEmpty();
        assertThat(inference.byFigures(undescribed("cnn", 2_000_000, 2e9).toBuilder().inputShape("3x64x64").build()))
                .isEmpty();
    }

    @Test
    void heldOutModelsCanBeLeftOutAndAnEmptyInferenceRefuses() {
        assertThat(inference.without(List.of("b")).byFigures(undescribed("cnn", 2_000_000, 2e9))).isEmpty();
        DescriptorInference none = inference.without(List.of("a", "b", "c", "far", "m"));
        assertThat(none.isEmpty()).isTrue();
        assertThatThrownBy(() -> none.infer(undescribed("cnn", 1, 1))).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("no reference models");
    }

    @Test
    void theBuiltInCatalogueGivesAReferenceForEveryEntryWithDescriptors() {
        DescriptorInference builtIn = DescriptorInference.from(ModelCatalog.builtIn().all());
        assertThat(builtIn.references()).hasSize(ModelCatalog.builtIn().all().size());
    }
}
