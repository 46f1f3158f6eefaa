package io.github.runtimeestimator.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.ModelSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The analytic graphs of the collector's code-defined models reproduce what its {@code describe} prints. */
class CodeDefinedModelsTest {

    /**
     * {@code /usr/bin/python3 -m collector describe --model NAME} (torch 1.13): parameters, flopsPerSample,
     * leafLayers, activationElementsPerSample.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "mlp_256_8, 725514, 1446912, 17, 4106",
            "mlp_512_2, 792586, 1583104, 5, 2058",
            "mlp_1024_4, 4208650, 8409088, 9, 8202",
            "small_cnn_32, 94538, 82577920, 11, 516234",
            "small_cnn_128, 1484042, 1236281344, 11, 2064906",
            "lstm_256_1, 5656336, 789577728, 3, 1345536",
            "lstm_512_2, 14452496, 2384461824, 3, 1411072",
            "gru_512_2, 13401872, 2116026368, 3, 1411072",
            "bert_tiny, 4386178, 117473792, 25, 557314",
            "bert_mini, 11171074, 872547328, 43, 2097666",
            "bert_small, 28764674, 3355969536, 43, 4195330",
            "bert_medium, 41374210, 6711412736, 79, 8127490",
            "bert_base, 109483778, 22348434432, 115, 18089474",
            "bert_large, 335143938, 78922125312, 223, 47712258",
            "gpt2_small, 124046592, 32228179968, 112, 24422528",
            "tfenc_256_4, 5719554, 872416256, 22, 1081346"})
    void matchesTheCollectorsDescribe(String name, long parameters, double flops, long leafLayers, double activations) {
        assertMatches(CodeDefinedModels.find(name).orElseThrow(), name, parameters, flops, leafLayers, activations);
    }

    /** {@code python3 -m collector describe --model NAME --input-shape SHAPE}. */
    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
            "gpt2_small, 256, 124046592, 65664319488, 112, 48845056",
            "bert_base, 256, 109483778, 45903645696, 115, 36177410",
            "tfenc_256_4, 64, 5719554, 419431424, 22, 540674"})
    void tokenModelsMatchAtOtherSequenceLengths(String name, String shape, long parameters, double flops,
                                                long leafLayers, double activations) {
        ModelSpec spec = CodeDefinedModels.find(name, shape).orElseThrow();
        assertThat(spec.inputShape()).isEqualTo(shape);
        assertMatches(spec, name, parameters, flops, leafLayers, activations);
    }

    private static void assertMatches(ModelSpec spec, String name, long parameters, double flops, long leafLayers,
                                      double activations) {
        assertThat(spec.parameters()).isEqualTo(parameters);
        assertThat(spec.flopsPerSample()).isEqualTo(flops);
        assertThat(spec.leafLayers()).isEqualTo(leafLayers);
        assertThat(spec.activationElementsPerSample()).isEqualTo(activations);
        assertThat(spec.graph().model()).isEqualTo(name);
        assertThat(spec.inputShape()).isEqualTo(spec.graph().inputShape());
    }

    @Test
    void aShapeAModelCannotTakeIsNotFound() {
        assertThat(CodeDefinedModels.find("mlp_256_8", "128")).isEmpty();
        assertThat(CodeDefinedModels.find("mlp_256_8", "1024")).isPresent();
        assertThat(CodeDefinedModels.find("bert_base", "1024")).isEmpty();
        assertThat(CodeDefinedModels.find("bert_base", "3x224x224")).isEmpty();
        assertThat(CodeDefinedModels.find("lstm_256_1", "64").orElseThrow().inputShape()).isEqualTo("64");
    }

    @Test
    void familiesAndShapesAreTheRegistrys() {
        assertThat(CodeDefinedModels.find("mlp_256_8").orElseThrow().family()).isEqualTo("mlp");
        assertThat(CodeDefinedModels.find("small_cnn_32").orElseThrow().inputShape()).isEqualTo("3x64x64");
        assertThat(CodeDefinedModels.find("gru_512_2").orElseThrow().family()).isEqualTo("rnn");
        assertThat(CodeDefinedModels.find("resnet50")).isEmpty();
        assertThat(CodeDefinedModels.find(null)).isEmpty();
        assertThatThrownBy(() -> CodeDefinedModels.find("mlp_0_2")).hasMessage("width = 0: must be >= 1");
    }

    @Test
    void recurrentGraphsCountTheirGateArithmeticBesideTheMatmuls() {
        OperatorGraph lstm = CodeDefinedModels.find("lstm_256_1").orElseThrow().graph();
        assertThat(lstm.flopsPerSample()).isGreaterThan(lstm.matmulFlopsPerSample());
        assertThat(lstm.summary().get(OperatorKind.RECURRENT).weights()).isEqualTo(4 * 256 * 512 + 2 * 1024);
    }
}
