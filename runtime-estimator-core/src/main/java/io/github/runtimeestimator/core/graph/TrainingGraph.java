package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.List;

/**
 * One training step of a model as operators: the forward graph, the backward graph derived from it by the
 * documented rules ({@code docs/formats/operator-graph.md}, "Training step"), and the optimizer update. This class
 * is the one place of those rules:
 *
 * <ul>
 *   <li>{@code matmul (b, m, n, k)}: the gradient of the left operand, {@code (b, m, k, n)}, with the batch
 *       dimension carried along ({@code n} and {@code k} swap places); a {@code linear} layer's weight gradient
 *       {@code matmul (1, k, n, b m)} whose contraction grows with the batch; any other product's right-operand
 *       gradient {@code (b, k, n, m)} (both operands are tensors of the pass). 2 x forward FLOPs.</li>
 *   <li>{@code conv2d}: input and weight gradients, each with the forward's FLOPs and elements: the same operator
 *       twice.</li>
 *   <li>{@code attention}: {@code sdpa_backward} of the same shape (2.5 x the FLOPs).</li>
 *   <li>{@code elementwise}, {@code normalization}, {@code softmax}, {@code pooling}, {@code reduction},
 *       {@code memory}, {@code other}: the same operator twice (2 x FLOPs, 2 x elements).</li>
 *   <li>{@code embedding}: a scatter-add of its rows, {@code elementwise add}, {@code lookups x dim} elements,
 *       2 inputs.</li>
 *   <li>{@code recurrent}: the backward of its expansion.</li>
 *   <li>The optimizer updates the forward graph's weights ({@link OptimizerUpdate}); zeroing gradients is not
 *       counted (PyTorch sets them to None).</li>
 * </ul>
 *
 * <p>The backward graph lists gradients in reverse execution order, named after their forward operator
 * ({@code .grad_input}, {@code .grad_weight}, {@code .grad}). Its {@link OperatorGraph#weights()} are not
 * parameters (a linear layer's input gradient still reads the weight); {@link #parameters()} is.
 */
public final class TrainingGraph {
    private final OperatorGraph forward;
    private final OperatorGraph backward;
    private final OptimizerUpdate update;

    private TrainingGraph(OperatorGraph forward, OperatorGraph backward, OptimizerUpdate update) {
        this.forward = forward;
        this.backward = backward;
        this.update = update;
    }

    /**
     * The training step of {@code graph} with {@code optimizer} ({@link Optimizer#NONE}: no update). Fails with a
     * {@link SpecValidationException} when either is null or the forward graph holds a backward attention
     * operator.
     *
     * @param graph     the forward graph
     * @param optimizer the optimizer that updates the graph's weights
     * @return the forward graph, its derived backward graph and the optimizer update
     */
    public static TrainingGraph derive(OperatorGraph graph, Optimizer optimizer) {
        Checks.required("graph", graph);
        Checks.required("optimizer", optimizer);
        OperatorGraph.Builder backward = OperatorGraph.builder().model(graph.model())
                .source(graph.source() == null ? "backward" : graph.source() + ", backward")
                .inputShape(graph.inputShape());
        List<OperatorGraph.Entry> entries = graph.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            addBackward(backward, entries.get(i), "operators[" + i + "]");
        }
        return new TrainingGraph(graph, backward.build(), new OptimizerUpdate(optimizer, graph.weights()));
    }

    private static void addBackward(OperatorGraph.Builder out, OperatorGraph.Entry entry, String field) {
        Operator op = entry.operator();
        long repeat = entry.repeat();
        String name = entry.name();
        if (op instanceof Matmul) {
            addMatmulBackward(out, (Matmul) op, repeat, name);
        } else if (op instanceof Attention) {
            Attention a = (Attention) op;
            if (a.variant() != Attention.Variant.SDPA) {
                throw new SpecValidationException(field + ".variant", a.variantId(),
                        "a forward graph cannot hold a backward operator");
            }
            out.add(a.backward(), repeat, suffix(name, ".grad"));
        } else if (op instanceof Embedding) {
            Embedding e = (Embedding) op;
            out.add(new Elementwise("add", e.lookups() * e.dim(), 2, Elementwise.defaultFlopsPerElement("add"),
                    e.scalesWithBatch()), repeat, suffix(name, ".grad_weight"));
        } else if (op instanceof Recurrent) {
            List<OperatorGraph.Entry> expansion = ((Recurrent) op).expand();
            for (int j = expansion.size() - 1; j >= 0; j--) {
                OperatorGraph.Entry part = expansion.get(j);
                addBackward(out, new OperatorGraph.Entry(part.operator(), Math.multiplyExact(part.repeat(), repeat),
                        name == null ? part.name() : name + "." + part.name()), field);
            }
        } else {
            // conv2d (input and weight gradients), and the pointwise, normalisation, softmax, pooling,
            // reduction, memory and other operators: the same operator twice
            out.add(op, Math.multiplyExact(repeat, 2), suffix(name, ".grad"));
        }
    }

    private static void addMatmulBackward(OperatorGraph.Builder out, Matmul f, long repeat, String name) {
        Matmul.Dim d = f.batchDim();
        // left operand: dA = dC @ B^T, (b, m, k, n): the forward's n is now the contraction, k the output width
        Matmul.Variant gradientVariant = f.variant() == Matmul.Variant.LINEAR ? Matmul.Variant.LINEAR
                : f.variant() == Matmul.Variant.BMM || f.variant() == Matmul.Variant.BADDBMM
                ? Matmul.Variant.BMM : Matmul.Variant.MATMUL;
        out.add(new Matmul(gradientVariant, f.b(), f.m(), f.k(), f.n(), false, swap(d, Matmul.Dim.N, Matmul.Dim.K)),
                repeat, suffix(name, ".grad_input"));
        if (f.variant() == Matmul.Variant.LINEAR) {
            // dW = X^T @ dY over all b m rows: (1, k, n, b m); the batch grows the contraction
            Matmul.Dim dw = d == Matmul.Dim.B || d == Matmul.Dim.M ? Matmul.Dim.K
                    : d == Matmul.Dim.K ? Matmul.Dim.M : d;
            out.add(new Matmul(Matmul.Variant.MATMUL, 1, f.k(), f.n(), Math.multiplyExact(f.b(), f.m()), false, dw),
                    repeat, suffix(name, ".grad_weight"));
        } else {
            // right operand: dB = A^T @ dC, (b, k, n, m): the forward's m is now the contraction
            Matmul.Dim db = d == Matmul.Dim.M ? Matmul.Dim.K : d == Matmul.Dim.K ? Matmul.Dim.M : d;
            out.add(new Matmul(gradientVariant, f.b(), f.k(), f.n(), f.m(), false, db), repeat,
                    suffix(name, ".grad_other"));
        }
    }

    private static Matmul.Dim swap(Matmul.Dim d, Matmul.Dim x, Matmul.Dim y) {
        return d == x ? y : d == y ? x : d;
    }

    private static String suffix(String name, String suffix) {
        return name == null ? null : name + suffix;
    }

    /**
     * The forward graph.
     *
     * @return the graph the step was derived from
     */
    public OperatorGraph forward() {
        return forward;
    }

    /**
     * The backward graph, in reverse execution order.
     *
     * @return the gradients' operators
     */
    public OperatorGraph backward() {
        return backward;
    }

    /**
     * The optimizer update over the forward graph's weights.
     *
     * @return the update
     */
    public OptimizerUpdate update() {
        return update;
    }

    /**
     * The parameters trained: the forward graph's weights.
     *
     * @return the parameter count
     */
    public long parameters() {
        return forward.weights();
    }

    /**
     * FLOPs of one step at this batch size: forward, backward and update.
     *
     * @param batch the batch size, at least 1
     * @return the FLOPs
     */
    public double flops(long batch) {
        return forward.flops(batch) + backward.flops(batch) + update.flops();
    }

    /**
     * Elements moved by the forward and backward passes at this batch size (the update is in {@link #bytes}).
     *
     * @param batch the batch size, at least 1
     * @return the elements read and written by the two passes
     */
    public double passElementsMoved(long batch) {
        return forward.elementsMoved(batch) + backward.elementsMoved(batch);
    }

    /**
     * Bytes of one step: forward and backward at {@code precision}, the update in FP32.
     *
     * @param batch     the batch size, at least 1
     * @param precision the precision of the forward and backward passes
     * @return the bytes read and written
     */
    public double bytes(long batch, Precision precision) {
        return forward.bytes(batch, precision) + backward.bytes(batch, precision) + update.bytes();
    }

    @Override
    public String toString() {
        return "TrainingGraph[" + forward + ", backward " + backward.entries().size() + " entries, "
                + update.optimizer().id() + "]";
    }
}
