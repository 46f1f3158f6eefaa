package io.github.runtimeestimator.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded randomized properties of batch scaling and of the training rules, over every kind. */
class OperatorGraphPropertiesTest {
    private static final long SEED = 20240915L;
    private static final int CASES = 400;

    private static void assertClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }

    @Test
    void flopsAreLinearInTheBatchAndAtBatchAgreesWithTheArithmetic() {
        RandomOperators random = new RandomOperators(SEED);
        Random batches = new Random(SEED + 1);
        for (Operator op : random.everyKindAnd(CASES)) {
            long batch = 1 + batches.nextInt(64);
            double scale = op.scalesWithBatch() ? batch : 1;
            assertClose(op.flops(batch), scale * op.flops(1));
            assertClose(op.matmulFlops(batch), scale * op.matmulFlops(1));
            Operator scaled = op.atBatch(batch);
            assertClose(scaled.flops(1), op.flops(batch));
            assertClose(scaled.elementsMoved(1), op.elementsMoved(batch));
            assertThat(scaled.weights()).as("weights do not grow with the batch: %s", op).isEqualTo(op.weights());
            assertThat(scaled.kind()).isEqualTo(op.kind());
            assertThat(op.matmulFlops(1)).isLessThanOrEqualTo(op.flops(1));
        }
    }

    @Test
    void elementsMovedNeverShrinkWithTheBatchAndBytesFollowThePrecision() {
        RandomOperators random = new RandomOperators(SEED + 2);
        for (Operator op : random.everyKindAnd(CASES)) {
            double previous = 0;
            for (long batch = 1; batch <= 256; batch *= 2) {
                double moved = op.elementsMoved(batch);
                assertThat(moved).as("%s at batch %d", op, batch).isGreaterThanOrEqualTo(previous);
                previous = moved;
                assertClose(op.bytes(batch, Precision.FP16) * 2, op.bytes(batch, Precision.FP32));
            }
        }
    }

    @Test
    void graphTotalsAreTheSumsOfTheirOperators() {
        RandomOperators random = new RandomOperators(SEED + 3);
        Random repeats = new Random(SEED + 4);
        for (int c = 0; c < 50; c++) {
            OperatorGraph.Builder builder = OperatorGraph.builder();
            List<OperatorGraph.Entry> entries = new ArrayList<>();
            for (int i = 0; i < 1 + repeats.nextInt(20); i++) {
                OperatorGraph.Entry e = new OperatorGraph.Entry(random.any(), 1 + repeats.nextInt(12), null);
                entries.add(e);
                builder.add(e);
            }
            OperatorGraph graph = builder.build();
            double flops = 0;
            double matmul = 0;
            long weights = 0;
            for (OperatorGraph.Entry e : entries) {
                flops += e.operator().flops(7) * e.repeat();
                matmul += e.operator().matmulFlops(1) * e.repeat();
                weights += e.operator().weights() * e.repeat();
            }
            assertClose(graph.flops(7), flops);
            assertClose(graph.matmulFlopsPerSample(), matmul);
            assertThat(graph.weights()).isEqualTo(weights);
            assertThat(graph.summary().values().stream().mapToLong(OperatorGraph.KindSummary::operators).sum())
                    .isEqualTo(graph.operatorCount());
            assertClose(graph.summary().values().stream().mapToDouble(OperatorGraph.KindSummary::flopsPerSample)
                    .sum(), graph.flopsPerSample());
        }
    }

    @Test
    void trainingAMatmulOnlyGraphCostsThreeForwardsPlusTheUpdate() {
        RandomOperators random = new RandomOperators(SEED + 5);
        Random batches = new Random(SEED + 6);
        for (int c = 0; c < 100; c++) {
            List<Operator> ops = new ArrayList<>();
            for (int i = 0; i < 1 + batches.nextInt(6); i++) {
                ops.add(random.of(OperatorKind.MATMUL));
            }
            OperatorGraph graph = OperatorGraph.ofOperators(ops);
            long batch = 1 + batches.nextInt(128);
            TrainingGraph adam = TrainingGraph.derive(graph, Optimizer.ADAM);
            assertClose(adam.flops(batch) - adam.update().flops(), 3 * graph.flops(batch));
            assertClose(adam.update().flops(), 12.0 * graph.weights());
        }
    }

    @Test
    void trainingFlopsAreBetweenTwoAndFourForwardsForEveryKindButAttention() {
        RandomOperators random = new RandomOperators(SEED + 7);
        for (Operator op : random.everyKindAnd(CASES)) {
            if (op instanceof Attention) {
                continue;
            }
            TrainingGraph t = TrainingGraph.derive(OperatorGraph.ofOperators(List.of(op)), Optimizer.NONE);
            double forward = op.flops(4);
            if (forward > 0) {
                assertClose(t.backward().flops(4), 2 * forward);
            }
        }
    }

    @Test
    void distinctMergesEqualOperatorsWhateverTheirNames() {
        Matmul q = Matmul.linear(128, 768, 768, true);
        OperatorGraph graph = OperatorGraph.builder()
                .add(q, 12, "layer.*.query").add(q, 12, "layer.*.key").add(q, 12, "layer.*.value")
                .add(Elementwise.unary("gelu", 128 * 3072), 12, "layer.*.act").add(q, 12, "layer.*.output").build();
        assertThat(graph.entries()).hasSize(5);
        assertThat(graph.distinct()).containsExactly(new OperatorGraph.Counted(q, 48),
                new OperatorGraph.Counted(Elementwise.unary("gelu", 128 * 3072), 12));
        assertThat(graph.operatorCount()).isEqualTo(60);
        // consecutive equal operators under one name merge in the builder
        OperatorGraph merged = OperatorGraph.builder().add(q, "x").add(q, "x").add(q, 3, "x").build();
        assertThat(merged.entries()).containsExactly(new OperatorGraph.Entry(q, 5, "x"));
    }
}
