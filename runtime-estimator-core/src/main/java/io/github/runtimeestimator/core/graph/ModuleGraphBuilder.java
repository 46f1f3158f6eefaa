package io.github.runtimeestimator.core.graph;

/**
 * Assembles a graph module by module, counting the descriptors the collector's {@code describe} reports from its
 * forward hooks: {@code leafLayers} (the leaf modules: linear layers, convolutions, norms, activation modules,
 * embeddings, pooling, recurrent networks) and {@code activationElementsPerSample} (their output elements).
 * Functional operators (residual adds, attention inside a module with children, rotary embeddings) are added
 * without being counted, as hooks do not see them. Package-private: used by the Hugging Face and analytic
 * builders.
 */
final class ModuleGraphBuilder {
    private final OperatorGraph.Builder graph = OperatorGraph.builder();
    private long leafLayers;
    private double activationElements;

    ModuleGraphBuilder provenance(String model, String source, String inputShape) {
        graph.model(model).source(source).inputShape(inputShape);
        return this;
    }

    /** A leaf module run {@code repeat} times ({@code repeat} distinct modules, as in a stack of layers). */
    ModuleGraphBuilder module(Operator op, long repeat, String name) {
        graph.add(op, repeat, name);
        leafLayers += repeat;
        activationElements += (double) outputElements(op) * repeat;
        return this;
    }

    ModuleGraphBuilder module(Operator op, String name) {
        return module(op, 1, name);
    }

    /** An operator no forward hook sees (functional code inside a module). */
    ModuleGraphBuilder functional(Operator op, long repeat, String name) {
        graph.add(op, repeat, name);
        return this;
    }

    ModuleGraphBuilder functional(Operator op, String name) {
        return functional(op, 1, name);
    }

    OperatorGraph graph() {
        return graph.build();
    }

    long leafLayers() {
        return leafLayers;
    }

    double activationElements() {
        return activationElements;
    }

    /** Elements of one sample's output of an operator. */
    static long outputElements(Operator op) {
        if (op instanceof Matmul) {
            Matmul m = (Matmul) op;
            return m.b() * m.m() * m.n();
        }
        if (op instanceof Conv2d) {
            Conv2d c = (Conv2d) op;
            return c.n() * c.outChannels() * c.outHeight() * c.outWidth();
        }
        if (op instanceof Attention) {
            Attention a = (Attention) op;
            return a.batch() * a.heads() * a.queryLength() * a.headDim();
        }
        if (op instanceof Elementwise) {
            return ((Elementwise) op).elements();
        }
        if (op instanceof Normalization) {
            Normalization n = (Normalization) op;
            return n.rows() * n.cols();
        }
        if (op instanceof Softmax) {
            Softmax s = (Softmax) op;
            return s.rows() * s.cols();
        }
        if (op instanceof Embedding) {
            Embedding e = (Embedding) op;
            return e.lookups() * e.dim();
        }
        if (op instanceof Pooling) {
            return ((Pooling) op).outputElements();
        }
        if (op instanceof Reduction) {
            return ((Reduction) op).outputElements();
        }
        if (op instanceof Recurrent) {
            Recurrent r = (Recurrent) op;
            return r.batch() * r.sequenceLength() * r.hiddenSize() * r.directions();
        }
        if (op instanceof Memory) {
            return ((Memory) op).elements();
        }
        return 0;
    }
}
