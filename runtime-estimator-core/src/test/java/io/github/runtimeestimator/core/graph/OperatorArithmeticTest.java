package io.github.runtimeestimator.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Precision;
import org.junit.jupiter.api.Test;

/** Every kind's FLOPs, elements moved, weights and batch scaling, worked out by hand on small shapes. */
class OperatorArithmeticTest {

    @Test
    void linearCountsTheWeightOnceAndItsBiasAsAWeight() {
        Matmul linear = Matmul.linear(4, 3, 2, true);
        // 2 b m n k = 2 * 1 * 4 * 3 * 2
        assertThat(linear.flops(1)).isEqualTo(48.0);
        assertThat(linear.flops(5)).isEqualTo(240.0);
        // X 4x2 = 8, W 2x3 = 6, Y 4x3 = 12, bias 3
        assertThat(linear.elementsMoved(1)).isEqualTo(29.0);
        // batch 2 doubles the rows only: 16 + 6 + 24 + 3
        assertThat(linear.elementsMoved(2)).isEqualTo(49.0);
        assertThat(linear.bytes(2, Precision.BF16)).isEqualTo(98.0);
        assertThat(linear.weights()).isEqualTo(9);
        assertThat(linear.batchDimId()).isEqualTo("m");
        assertThat(linear.atBatch(2)).isEqualTo(Matmul.linear(8, 3, 2, true));
        assertThat(linear.matmulFlops(1)).isEqualTo(48.0);
    }

    @Test
    void bmmReadsBothOperandsPerProductAndOwnsNoWeights() {
        Matmul bmm = Matmul.bmm(2, 3, 4, 5);
        assertThat(bmm.flops(1)).isEqualTo(240.0);
        // A 2x3x5 = 30, B 2x5x4 = 40, C 2x3x4 = 24
        assertThat(bmm.elementsMoved(1)).isEqualTo(94.0);
        assertThat(bmm.elementsMoved(3)).isEqualTo(282.0);
        assertThat(bmm.weights()).isZero();
        assertThat(bmm.batchDimId()).isEqualTo("b");
        assertThat(bmm.atBatch(3).b()).isEqualTo(6);
    }

    @Test
    void aMatmulOnWeightsAloneDoesNotGrowWithTheBatch() {
        Matmul fixed = new Matmul(Matmul.Variant.MATMUL, 1, 4, 4, 4, false, Matmul.Dim.NONE);
        assertThat(fixed.flops(64)).isEqualTo(fixed.flops(1)).isEqualTo(128.0);
        assertThat(fixed.atBatch(64)).isSameAs(fixed);
        Matmul contraction = new Matmul(Matmul.Variant.MATMUL, 1, 2, 3, 4, false, Matmul.Dim.K);
        // k grows: A 2x8 = 16, B 8x3 = 24, C 2x3 = 6
        assertThat(contraction.elementsMoved(2)).isEqualTo(46.0);
    }

    @Test
    void conv2dUsesPyTorchsOutputSizeAndGroups() {
        Conv2d conv = Conv2d.builder().channels(2, 4).size(5, 5).kernel(3).stride(2).padding(1).bias(true).build();
        // outH = floor((5 + 2 - 2 - 1) / 2) + 1 = 3
        assertThat(conv.outHeight()).isEqualTo(3);
        assertThat(conv.outWidth()).isEqualTo(3);
        // 2 n outC outH outW inC kH kW = 2 * 4 * 9 * 2 * 9
        assertThat(conv.flops(1)).isEqualTo(1296.0);
        // input 2x5x5 = 50, weight 4x2x3x3 = 72, output 4x3x3 = 36
        assertThat(conv.elementsMoved(1)).isEqualTo(158.0);
        assertThat(conv.elementsMoved(2)).isEqualTo(158.0 + 50 + 36);
        assertThat(conv.weights()).isEqualTo(72 + 4);
        assertThat(conv.atBatch(3).n()).isEqualTo(3);

        Conv2d depthwise = Conv2d.builder().channels(4, 4).size(4, 4).kernel(3).padding(1).groups(4).build();
        assertThat(depthwise.isDepthwise()).isTrue();
        // 2 * 4 channels * 16 positions * 1 input channel per group * 9
        assertThat(depthwise.flops(1)).isEqualTo(1152.0);
        assertThat(depthwise.weights()).isEqualTo(36);
    }

    @Test
    void attentionCountsTwoProductsAndTheScoreMatrixWhenNotFused() {
        Attention gqa = new Attention(Attention.Variant.SDPA, 1, 2, 1, 4, 4, 8, false, false, true);
        // 4 batch heads L S d = 4 * 2 * 4 * 4 * 8
        assertThat(gqa.flops(1)).isEqualTo(1024.0);
        // Q, O: 2 * 2*4*8 = 128; K, V: 2 * 1*4*8 = 64; scores 2*4*4 = 32, four times
        assertThat(gqa.elementsMoved(1)).isEqualTo(128 + 64 + 4 * 32.0);
        Attention fused = new Attention(Attention.Variant.SDPA, 1, 2, 1, 4, 4, 8, false, true, true);
        assertThat(fused.elementsMoved(1)).isEqualTo(192.0);
        assertThat(fused.elementsMoved(3)).isEqualTo(3 * 192.0);
        assertThat(gqa.weights()).isZero();
    }

    @Test
    void onlyAFusedCausalKernelSkipsTheMaskedHalf() {
        Attention causalFused = new Attention(Attention.Variant.SDPA, 1, 2, 2, 4, 4, 8, true, true, true);
        Attention causalSeparate = new Attention(Attention.Variant.SDPA, 1, 2, 2, 4, 4, 8, true, false, true);
        Attention causalCross = new Attention(Attention.Variant.SDPA, 1, 2, 2, 4, 6, 8, true, true, true);
        assertThat(causalFused.flops(1)).isEqualTo(1024.0 / 2);
        assertThat(causalSeparate.flops(1)).isEqualTo(1024.0);
        assertThat(causalCross.flops(1)).isEqualTo(4.0 * 2 * 4 * 6 * 8);
    }

    @Test
    void attentionBackwardIsTwoAndAHalfTimesTheFlops() {
        Attention fused = new Attention(Attention.Variant.SDPA, 1, 2, 1, 4, 4, 8, false, true, true);
        Attention separate = new Attention(Attention.Variant.SDPA, 1, 2, 1, 4, 4, 8, false, false, true);
        assertThat(fused.backward().flops(1)).isEqualTo(2560.0);
        assertThat(fused.backward().elementsMoved(1)).isEqualTo(2 * 192.0);
        // Q, K, V, O and the score matrix six times
        assertThat(separate.backward().elementsMoved(1)).isEqualTo(192 + 6 * 32.0);
        assertThat(fused.backward().variantId()).isEqualTo("sdpa_backward");
    }

    @Test
    void elementwiseDefaultsItsFlopsPerElementByVariant() {
        Elementwise gelu = Elementwise.unary("gelu", 10);
        assertThat(gelu.flops(1)).isEqualTo(80.0);
        assertThat(gelu.elementsMoved(1)).isEqualTo(20.0);
        Elementwise add = Elementwise.binary("add", 10);
        assertThat(add.flops(1)).isEqualTo(10.0);
        assertThat(add.elementsMoved(1)).isEqualTo(30.0);
        assertThat(add.elementsMoved(4)).isEqualTo(120.0);
        assertThat(Elementwise.binary("swiglu", 10).flops(1)).isEqualTo(90.0);
        assertThat(Elementwise.unary("cast", 10).flops(1)).isZero();
        assertThat(Elementwise.unary("dropout", 10).flops(1)).isEqualTo(20.0);
        assertThat(Elementwise.unary("sigmoid", 10).flops(1)).isEqualTo(40.0);
        assertThat(Elementwise.unary("hardswish", 10).flops(1)).isEqualTo(10.0);
        assertThat(new Elementwise("erf", 10, 1, 12.5, true).flops(2)).isEqualTo(250.0);
    }

    @Test
    void normalizationsOwnTheirScaleAndShift() {
        Normalization layer = new Normalization(Normalization.Variant.LAYER, 3, 4);
        assertThat(layer.flops(1)).isEqualTo(60.0);
        assertThat(layer.elementsMoved(1)).isEqualTo(24 + 8.0);
        assertThat(layer.elementsMoved(2)).isEqualTo(48 + 8.0);
        assertThat(layer.weights()).isEqualTo(8);
        Normalization rms = new Normalization(Normalization.Variant.RMS, 3, 4);
        assertThat(rms.flops(1)).isEqualTo(48.0);
        assertThat(rms.elementsMoved(1)).isEqualTo(24 + 4.0);
        assertThat(rms.weights()).isEqualTo(4);
    }

    @Test
    void softmaxEmbeddingPoolingReductionAndMemory() {
        Softmax softmax = new Softmax(3, 4);
        assertThat(softmax.flops(1)).isEqualTo(60.0);
        assertThat(softmax.elementsMoved(1)).isEqualTo(24.0);

        Embedding embedding = new Embedding(5, 4, 10);
        assertThat(embedding.flops(3)).isZero();
        assertThat(embedding.elementsMoved(1)).isEqualTo(2 * 5 * 4 + 5.0);
        assertThat(embedding.weights()).isEqualTo(40);

        Pooling pooling = new Pooling(Pooling.Variant.MAX, 8, 4);
        assertThat(pooling.flops(1)).isEqualTo(32.0);
        assertThat(pooling.elementsMoved(1)).isEqualTo(40.0);

        Reduction reduction = new Reduction(Reduction.Variant.MEAN, 12, 3);
        assertThat(reduction.flops(2)).isEqualTo(24.0);
        assertThat(reduction.elementsMoved(2)).isEqualTo(30.0);
        assertThat(reduction.atBatch(2)).isEqualTo(new Reduction(Reduction.Variant.MEAN, 24, 6));

        Memory memory = new Memory(Memory.Variant.TRANSPOSE, 7);
        assertThat(memory.flops(1)).isZero();
        assertThat(memory.elementsMoved(1)).isEqualTo(14.0);
    }

    @Test
    void otherScalesItsBytesToThePrecision() {
        Other other = new Other("custom", 100, 400, 4, true);
        assertThat(other.flops(3)).isEqualTo(300.0);
        assertThat(other.elementsMoved(1)).isEqualTo(100.0);
        assertThat(other.bytes(1, Precision.BF16)).isEqualTo(200.0);
        assertThat(other.bytes(2, Precision.FP32)).isEqualTo(800.0);
        assertThat(other.matmulFlops(1)).isZero();
    }

    @Test
    void lstmIsItsExpansionAndOwnsPyTorchsWeights() {
        Recurrent lstm = new Recurrent(Recurrent.Cell.LSTM, 2, 3, 4, 1);
        // nn.LSTM(3, 4): W_ih 16x3 + W_hh 16x4 + two biases of 16
        assertThat(lstm.weights()).isEqualTo(48 + 64 + 32);
        // input projection 2 * (2 steps) * 16 * 3 = 192; recurrent 2 * 16 * 4 = 128 per step, 2 steps
        assertThat(lstm.matmulFlops(1)).isEqualTo(192 + 256.0);
        // gates per step: add over 16 pre-activations, 3 sigmoid (4 FLOPs) and 2 tanh (4) on 4, 3 mul and 1 add on 4
        double gatesPerStep = 16 + 3 * 4 * 4 + 2 * 4 * 4 + 3 * 4 + 4;
        assertThat(lstm.flops(1)).isEqualTo(192 + 256 + 2 * gatesPerStep);
        assertThat(lstm.flops(3)).isEqualTo(3 * lstm.flops(1));
        assertThat(lstm.expand()).extracting(OperatorGraph.Entry::repeat).startsWith(1L, 2L);
        double moved = 0;
        for (OperatorGraph.Entry e : lstm.expand()) {
            moved += e.operator().elementsMoved(1) * e.repeat();
        }
        assertThat(lstm.elementsMoved(1)).isEqualTo(moved);
    }

    @Test
    void stackedBidirectionalGruWeightsMatchPyTorch() {
        // nn.GRU(2, 2): W_ih 6x2, W_hh 6x2, biases 2x6
        assertThat(new Recurrent(Recurrent.Cell.GRU, 1, 2, 2, 1).weights()).isEqualTo(36);
        // nn.LSTM(10, 20, num_layers=2, bidirectional=True): per direction 80*(10+20)+160, then 80*(40+20)+160
        Recurrent deep = new Recurrent(Recurrent.Cell.LSTM, 1, 5, 10, 20, 2, true, true);
        assertThat(deep.weights()).isEqualTo(2 * (80 * 30 + 160) + 2 * (80 * 60 + 160));
        // the expansion's matmul weights, each counted once, are the same parameters
        long expansionWeights = deep.expand().stream().filter(e -> e.operator() instanceof Matmul)
                .mapToLong(e -> e.operator().weights() * (e.name().endsWith("recurrent")
                        ? e.repeat() / deep.sequenceLength() : e.repeat())).sum();
        assertThat(expansionWeights).isEqualTo(deep.weights());
        // plain RNN: one tanh per step after the add
        Recurrent rnn = new Recurrent(Recurrent.Cell.RNN, 3, 2, 2, 1);
        assertThat(rnn.flops(1) - rnn.matmulFlops(1)).isEqualTo(3 * (2 + 4 * 2.0));
    }
}
