package io.github.runtimeestimator.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented training rules, each checked by hand on a small graph. */
class TrainingGraphTest {

    private static List<Operator> backwardOperators(TrainingGraph t) {
        return t.backward().entries().stream().map(OperatorGraph.Entry::operator).toList();
    }

    @Test
    void aLinearLayerHasAnInputAndAWeightGradientWhoseContractionGrowsWithTheBatch() {
        OperatorGraph graph = OperatorGraph.builder().add(Matmul.linear(4, 3, 2, true), "fc").build();
        TrainingGraph t = TrainingGraph.derive(graph, Optimizer.NONE);

        Matmul dx = new Matmul(Matmul.Variant.LINEAR, 1, 4, 2, 3, false, Matmul.Dim.M);
        Matmul dw = new Matmul(Matmul.Variant.MATMUL, 1, 2, 3, 4, false, Matmul.Dim.K);
        assertThat(backwardOperators(t)).containsExactly(dx, dw);
        assertThat(t.backward().entries()).extracting(OperatorGraph.Entry::name)
                .containsExactly("fc.grad_input", "fc.grad_weight");
        // 48 FLOPs forward; each gradient 48 at batch 1, 96 at batch 2
        assertThat(t.backward().flops(2)).isEqualTo(192.0);
        assertThat(t.flops(2)).isEqualTo(3 * 96.0);
        // dW at batch 2: X^T 2x8 = 16, dY 8x3 = 24, dW 2x3 = 6
        assertThat(dw.elementsMoved(2)).isEqualTo(46.0);
        assertThat(t.update().flops()).isZero();
        assertThat(t.parameters()).isEqualTo(9);
    }

    @Test
    void aBatchedProductHasTwoOperandGradients() {
        OperatorGraph graph = OperatorGraph.of(List.of(new OperatorGraph.Entry(Matmul.bmm(2, 3, 4, 5), 3)));
        TrainingGraph t = TrainingGraph.derive(graph, Optimizer.NONE);
        assertThat(backwardOperators(t)).containsExactly(Matmul.bmm(2, 3, 5, 4), Matmul.bmm(2, 5, 4, 3));
        assertThat(t.backward().entries()).allSatisfy(e -> assertThat(e.repeat()).isEqualTo(3));
        assertThat(t.backward().flopsPerSample()).isEqualTo(2 * graph.flopsPerSample());
    }

    @Test
    void theBatchDimensionFollowsTheOperandsThroughTheGradients() {
        // a tied language-model head: matmul (not linear) over the rows of each sample
        Matmul head = new Matmul(Matmul.Variant.MATMUL, 1, 8, 100, 16, false, Matmul.Dim.M);
        TrainingGraph t = TrainingGraph.derive(OperatorGraph.ofOperators(List.of(head)), Optimizer.NONE);
        assertThat(backwardOperators(t)).containsExactly(
                new Matmul(Matmul.Variant.MATMUL, 1, 8, 16, 100, false, Matmul.Dim.M),
                new Matmul(Matmul.Variant.MATMUL, 1, 16, 100, 8, false, Matmul.Dim.K));
        assertThat(t.backward().flops(4)).isEqualTo(2 * head.flops(4));
    }

    @Test
    void convolutionsPointwiseNormsAndOthersRunTwiceTheirForward() {
        Conv2d conv = Conv2d.builder().channels(2, 4).size(5, 5).kernel(3).padding(1).build();
        Elementwise relu = Elementwise.unary("relu", 100);
        Normalization norm = new Normalization(Normalization.Variant.BATCH, 25, 4);
        Softmax softmax = new Softmax(3, 4);
        Pooling pool = new Pooling(Pooling.Variant.AVG, 4, 25);
        Reduction mean = new Reduction(Reduction.Variant.MEAN, 100, 4);
        Memory cat = new Memory(Memory.Variant.CAT, 40);
        Other other = new Other("custom", 10, 40);
        OperatorGraph graph = OperatorGraph.ofOperators(List.of(conv, relu, norm, softmax, pool, mean, cat, other));
        TrainingGraph t = TrainingGraph.derive(graph, Optimizer.NONE);

        assertThat(t.backward().entries()).hasSize(8).allSatisfy(e -> assertThat(e.repeat()).isEqualTo(2));
        // reverse execution order
        assertThat(t.backward().entries().get(0).operator()).isEqualTo(other);
        assertThat(t.backward().entries().get(7).operator()).isEqualTo(conv);
        assertThat(t.backward().flops(3)).isEqualTo(2 * graph.flops(3));
        assertThat(t.backward().elementsMoved(3)).isEqualTo(2 * graph.elementsMoved(3));
    }

    @Test
    void attentionBackwardIsTheSdpaBackwardOfTheSameShape() {
        Attention attention = Attention.selfAttention(4, 16, 8, true, true);
        TrainingGraph t = TrainingGraph.derive(OperatorGraph.ofOperators(List.of(attention)), Optimizer.NONE);
        assertThat(backwardOperators(t)).containsExactly(attention.backward());
        assertThat(t.backward().flopsPerSample()).isEqualTo(2.5 * attention.flopsPerSample());
        assertThatThrownBy(() -> TrainingGraph.derive(OperatorGraph.ofOperators(List.of(attention.backward())),
                Optimizer.NONE)).hasMessage("operators[0].variant = \"sdpa_backward\": a forward graph cannot hold a "
                + "backward operator");
    }

    @Test
    void anEmbeddingGradientIsAScatterAdd() {
        TrainingGraph t = TrainingGraph.derive(OperatorGraph.ofOperators(List.of(new Embedding(5, 4, 10))),
                Optimizer.NONE);
        assertThat(backwardOperators(t)).containsExactly(Elementwise.binary("add", 20));
        assertThat(t.backward().flopsPerSample()).isEqualTo(20.0);
        assertThat(t.backward().elementsMoved(1)).isEqualTo(60.0);
    }

    @Test
    void aRecurrentNetworkIsDifferentiatedThroughItsExpansion() {
        Recurrent lstm = new Recurrent(Recurrent.Cell.LSTM, 2, 3, 4, 1);
        TrainingGraph t = TrainingGraph.derive(OperatorGraph.ofOperators(List.of(lstm)), Optimizer.NONE);
        double expansionBackward = TrainingGraph.derive(OperatorGraph.of(lstm.expand()), Optimizer.NONE)
                .backward().flopsPerSample();
        assertThat(t.backward().flopsPerSample()).isEqualTo(expansionBackward);
        // matmuls twice, gates twice: the whole backward is twice the forward
        assertThat(t.backward().flopsPerSample()).isEqualTo(2 * lstm.flopsPerSample());
    }

    @Test
    void optimizerUpdatesTouchEveryParameterInFp32() {
        OperatorGraph graph = OperatorGraph.ofOperators(List.of(Matmul.linear(4, 3, 2, true), new Embedding(5, 4, 10)));
        assertThat(graph.weights()).isEqualTo(49);
        TrainingGraph adam = TrainingGraph.derive(graph, Optimizer.ADAM);
        assertThat(adam.update().flops()).isEqualTo(12 * 49.0);
        assertThat(adam.update().bytes()).isEqualTo(7 * 49 * 4.0);
        TrainingGraph sgd = TrainingGraph.derive(graph, Optimizer.SGD);
        assertThat(sgd.update().flops()).isEqualTo(3 * 49.0);
        assertThat(sgd.update().elementsMoved()).isEqualTo(5 * 49.0);
        // the update is batch-invariant and in FP32 whatever the compute precision
        assertThat(adam.bytes(8, Precision.BF16) - adam.forward().bytes(8, Precision.BF16)
                - adam.backward().bytes(8, Precision.BF16)).isEqualTo(7 * 49 * 4.0);
        assertThat(adam.flops(8)).isEqualTo(graph.flops(8) + adam.backward().flops(8) + 12 * 49.0);
    }
}
