package io.github.runtimeestimator.core.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random operators of every kind with small, valid dimensions, for property tests. */
final class RandomOperators {
    private final Random random;

    RandomOperators(long seed) {
        this.random = new Random(seed);
    }

    private long dim(int max) {
        return 1 + random.nextInt(max);
    }

    private boolean scales() {
        return random.nextInt(8) != 0;
    }

    Operator any() {
        return of(OperatorKind.values()[random.nextInt(OperatorKind.values().length)]);
    }

    /** One operator per kind, then {@code extra} random ones. */
    List<Operator> everyKindAnd(int extra) {
        List<Operator> out = new ArrayList<>();
        for (OperatorKind k : OperatorKind.values()) {
            out.add(of(k));
        }
        for (int i = 0; i < extra; i++) {
            out.add(any());
        }
        return out;
    }

    Operator of(OperatorKind kind) {
        switch (kind) {
            case MATMUL: {
                Matmul.Variant v = Matmul.Variant.values()[random.nextInt(Matmul.Variant.values().length)];
                Matmul.Dim d = Matmul.Dim.values()[random.nextInt(Matmul.Dim.values().length)];
                if (v == Matmul.Variant.LINEAR && (d == Matmul.Dim.N || d == Matmul.Dim.K)) {
                    d = Matmul.Dim.M;
                }
                return new Matmul(v, dim(4), dim(64), dim(64), dim(64), random.nextBoolean(), d);
            }
            case CONV2D: {
                long groups = dim(4);
                return Conv2d.builder().n(dim(2)).channels(groups * dim(8), groups * dim(8)).size(8 + dim(24),
                        8 + dim(24)).kernel(dim(3), dim(3)).stride(dim(2), dim(2)).padding(random.nextInt(2),
                        random.nextInt(2)).dilation(dim(2), 1).groups(groups).bias(random.nextBoolean())
                        .scalesWithBatch(scales()).build();
            }
            case ATTENTION: {
                long kv = dim(4);
                return new Attention(Attention.Variant.values()[random.nextInt(2)], dim(2), kv * dim(4), kv,
                        dim(64), dim(64), dim(32), random.nextBoolean(), random.nextBoolean(), scales());
            }
            case ELEMENTWISE: {
                String[] variants = {"relu", "gelu", "add", "mul", "swiglu", "dropout", "cast", "rope"};
                String v = variants[random.nextInt(variants.length)];
                return new Elementwise(v, dim(4096), (int) dim(3), Elementwise.defaultFlopsPerElement(v), scales());
            }
            case NORMALIZATION:
                return new Normalization(Normalization.Variant.values()[random.nextInt(4)], dim(128), dim(512),
                        scales());
            case SOFTMAX:
                return new Softmax(Softmax.Variant.values()[random.nextInt(2)], dim(128), dim(512), scales());
            case EMBEDDING:
                return new Embedding(dim(128), dim(256), dim(30000), scales());
            case POOLING:
                return new Pooling(Pooling.Variant.values()[random.nextInt(4)], dim(4096), dim(49), scales());
            case REDUCTION: {
                long out = dim(64);
                return new Reduction(Reduction.Variant.values()[random.nextInt(5)], out * dim(64), out, scales());
            }
            case RECURRENT:
                return new Recurrent(Recurrent.Cell.values()[random.nextInt(3)], dim(2), dim(16), dim(64), dim(64),
                        dim(3), random.nextBoolean(), scales());
            case MEMORY:
                return new Memory(Memory.Variant.values()[random.nextInt(7)], dim(4096), scales());
            case OTHER:
                return new Other("custom", random.nextInt(10000), random.nextInt(10000),
                        new int[] {1, 2, 4, 8}[random.nextInt(4)], scales());
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }
}
