package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.graph.Attention;
import io.github.runtimeestimator.core.graph.OperatorGraph;
import java.util.Optional;

/** When the planner can estimate a model too large for one device split tensor-parallel, and its shape. */
final class TensorParallel {

    private TensorParallel() {
    }

    /**
     * A transformer's shape, read from its operator graph.
     *
     * @param layers          forward attention operators (one a layer)
     * @param hidden          heads x head width of the first
     * @param heads           query heads
     * @param tokensPerSample sequence positions of one sample
     */
    record Shape(long layers, long hidden, long heads, double tokensPerSample) {
    }

    /** The shape of a model whose graph has forward attention operators, else empty. */
    static Optional<Shape> shapeOf(OperatorGraph graph) {
        long layers = 0;
        Attention first = null;
        for (OperatorGraph.Counted c : graph.distinct()) {
            if (c.operator() instanceof Attention a && a.variant() == Attention.Variant.SDPA) {
                layers += c.repeat();
                first = first == null ? a : first;
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(new Shape(layers, first.heads() * first.headDim(), first.heads(),
                (double) first.queryLength() * first.batch()));
    }

    /** Why the spec cannot be estimated tensor-parallel on the offer, or null when it can. */
    static String whyNot(WorkloadSpec spec, HardwareOffer offer) {
        int n = offer.deviceCount();
        if (n == 1) {
            return "the offer has one device";
        }
        if (n != 2 && n != 4 && n != 8) {
            return "tensor-parallel shard efficiency is measured for 2, 4 or 8 devices, the offer has " + n;
        }
        if (offer.nodes() > 1) {
            return "the offer spans " + offer.nodes() + " nodes; tensor parallelism is estimated within one NVLink node";
        }
        if (RingAllReduce.nvlinkOf(offer).isEmpty()) {
            return "its devices share no NVLink fabric (tensor parallelism all-reduces activations every layer)";
        }
        Optional<OperatorGraph> graph = spec.model().operatorGraph();
        if (graph.isEmpty()) {
            return "the model has no operator graph to read its layers and width from (describe it with a Hugging"
                    + " Face config.json or a traced graph)";
        }
        Optional<Shape> shape = shapeOf(graph.get());
        if (shape.isEmpty()) {
            return "the model's graph has no attention layers (tensor parallelism is estimated for transformers)";
        }
        if (shape.get().heads() % n != 0) {
            return "its " + shape.get().heads() + " attention heads do not split over " + n + " devices";
        }
        return null;
    }
}
