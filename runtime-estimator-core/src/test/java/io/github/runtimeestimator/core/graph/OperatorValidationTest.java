package io.github.runtimeestimator.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operators refuse bad dimensions when built, naming the field, the value and the rule. */
class OperatorValidationTest {

    @Test
    void aZeroDimensionIsNamed() {
        assertThatThrownBy(() -> Matmul.linear(4, 3, 0, false))
                .isInstanceOf(SpecValidationException.class)
                .hasMessage("matmul.k = 0: must be >= 1");
        assertThatThrownBy(() -> new Normalization(Normalization.Variant.LAYER, -2, 4))
                .hasMessage("normalization.rows = -2: must be >= 1");
        assertThatThrownBy(() -> new Embedding(1, 1, 0)).hasMessage("embedding.vocab = 0: must be >= 1");
        assertThatThrownBy(() -> new Recurrent(Recurrent.Cell.GRU, 0, 2, 2, 1))
                .hasMessage("recurrent.sequenceLength = 0: must be >= 1");
    }

    @Test
    void aLinearLayersWeightCannotGrowWithTheBatch() {
        assertThatThrownBy(() -> new Matmul(Matmul.Variant.LINEAR, 1, 4, 3, 2, false, Matmul.Dim.K))
                .hasMessage("matmul.batchDim = \"k\": must be b, m or none for a linear layer (its k x n weight does "
                        + "not grow with the batch)");
    }

    @Test
    void convolutionGroupsMustDivideTheChannelsAndTheKernelMustFit() {
        assertThatThrownBy(() -> Conv2d.builder().channels(6, 4).size(8, 8).kernel(3).groups(4).build())
                .hasMessage("conv2d.groups = 4: must divide inChannels (6) and outChannels (4)");
        assertThatThrownBy(() -> Conv2d.builder().channels(3, 4).size(2, 8).kernel(3).build())
                .hasMessageStartingWith("conv2d.height = 2: gives no output row");
        assertThatThrownBy(() -> Conv2d.builder().channels(3, 4).size(8, 8).kernel(3).padding(-1).build())
                .hasMessage("conv2d.padH = -1: must be >= 0");
    }

    @Test
    void groupedQueryAttentionNeedsKvHeadsDividingHeads() {
        assertThatThrownBy(() -> Attention.selfAttention(8, 16, 64, true, true).withKvHeads(3))
                .hasMessage("attention.kvHeads = 3: must divide heads (8)");
        assertThat(Attention.selfAttention(8, 16, 64, true, true).withKvHeads(2).kvHeads()).isEqualTo(2);
    }

    @Test
    void variantsAreLowerCaseWordsOrFromTheKindsList() {
        assertThatThrownBy(() -> Elementwise.unary("GELU", 4))
                .hasMessage("elementwise.variant = \"GELU\": must be a lower-case word ([a-z][a-z0-9_]*)");
        assertThatThrownBy(() -> Normalization.Variant.fromId("operators[2].variant", "instance"))
                .hasMessage("operators[2].variant = \"instance\": must be one of [layer, rms, batch, group]");
        assertThatThrownBy(() -> OperatorKind.fromId("operators[0].kind", "conv3d"))
                .hasMessageStartingWith("operators[0].kind = \"conv3d\": must be one of [matmul, conv2d,");
        assertThatThrownBy(() -> new Elementwise("relu", 4, 0, 1, true))
                .hasMessage("elementwise.inputs = 0: must be >= 1");
        assertThatThrownBy(() -> new Elementwise("relu", 4, 1, Double.NaN, true))
                .hasMessage("elementwise.flopsPerElement = NaN: must be a finite number >= 0");
    }

    @Test
    void reductionsCannotGrowAndOtherNeedsAKnownElementSize() {
        assertThatThrownBy(() -> new Reduction(Reduction.Variant.SUM, 4, 5))
                .hasMessage("reduction.outputElements = 5: must be <= inputElements (4)");
        assertThatThrownBy(() -> new Other("custom", 1, 1, 3, true))
                .hasMessage("other.precisionBytes = 3: must be one of [1, 2, 4, 8]");
        assertThatThrownBy(() -> new Other("custom", -1, 1))
                .hasMessage("other.flops = -1.0: must be a finite number >= 0");
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> Matmul.linear(4, 3, 2, false).flops(0)).hasMessage("batch = 0: must be >= 1");
        assertThatThrownBy(() -> Elementwise.unary("relu", 4).atBatch(-1)).hasMessage("batch = -1: must be >= 1");
    }

    @Test
    void aBatchThatOverflowsADimensionIsRefused() {
        assertThatThrownBy(() -> Matmul.linear(Long.MAX_VALUE / 2, 3, 2, false).atBatch(4))
                .hasMessageContaining("matmul.m")
                .hasMessageContaining("does not fit in a long");
    }

    @Test
    void graphsRefuseNoOperatorsAndRepeatsBelowOne() {
        assertThatThrownBy(() -> OperatorGraph.of(List.of()))
                .hasMessage("operators = \"[]\": must hold at least one operator");
        assertThatThrownBy(() -> new OperatorGraph.Entry(Elementwise.unary("relu", 4), 0, null))
                .hasMessage("repeat = 0: must be >= 1");
    }
}
