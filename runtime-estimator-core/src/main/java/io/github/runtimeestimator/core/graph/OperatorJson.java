package io.github.runtimeestimator.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.internal.JsonFields;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One operator as a JSON object of {@code docs/formats/operator-graph.md} and back: the keys of each kind, their
 * defaults, and the batch dimension. Package-private; {@link GraphJson} is the API.
 */
final class OperatorJson {
    private static final List<String> COMMON = List.of("kind", "variant", "name", "repeat", "batchDim");
    private static final Map<OperatorKind, List<String>> KEYS = new EnumMap<>(OperatorKind.class);

    static {
        KEYS.put(OperatorKind.MATMUL, List.of("b", "m", "n", "k", "bias"));
        KEYS.put(OperatorKind.CONV2D, List.of("n", "inChannels", "outChannels", "height", "width", "kernelH",
                "kernelW", "strideH", "strideW", "padH", "padW", "dilationH", "dilationW", "groups", "bias"));
        KEYS.put(OperatorKind.ATTENTION, List.of("batch", "heads", "kvHeads", "queryLength", "keyLength", "headDim",
                "causal", "fused"));
        KEYS.put(OperatorKind.ELEMENTWISE, List.of("elements", "inputs", "flopsPerElement"));
        KEYS.put(OperatorKind.NORMALIZATION, List.of("rows", "cols"));
        KEYS.put(OperatorKind.SOFTMAX, List.of("rows", "cols"));
        KEYS.put(OperatorKind.EMBEDDING, List.of("lookups", "dim", "vocab"));
        KEYS.put(OperatorKind.POOLING, List.of("outputElements", "window"));
        KEYS.put(OperatorKind.REDUCTION, List.of("inputElements", "outputElements"));
        KEYS.put(OperatorKind.RECURRENT, List.of("batch", "sequenceLength", "inputSize", "hiddenSize", "layers",
                "bidirectional", "cell"));
        KEYS.put(OperatorKind.MEMORY, List.of("elements"));
        KEYS.put(OperatorKind.OTHER, List.of("flops", "bytes", "precisionBytes"));
    }

    private OperatorJson() {
    }

    /** The keys an operator of this kind may have, the common ones first. */
    static List<String> keys(OperatorKind kind) {
        List<String> all = new ArrayList<>(COMMON);
        all.addAll(KEYS.get(kind));
        return all;
    }

    /** An entry read from {@code node} at {@code path}; failures name {@code path.key}. */
    static OperatorGraph.Entry readEntry(JsonNode node, String path) {
        JsonFields f = JsonFields.of(node, path);
        OperatorKind kind = OperatorKind.fromId(f.path("kind"), f.requiredText("kind"));
        String name = f.text("name", null);
        long repeat = f.wholeNumber("repeat", 1);
        if (repeat < 1) {
            throw new SpecValidationException(f.path("repeat"), repeat, "must be >= 1");
        }
        Operator op;
        try {
            op = read(kind, f);
        } catch (SpecValidationException e) {
            throw renamed(e, kind, path);
        }
        f.refuseUnknown(kind.id(), keys(kind));
        return new OperatorGraph.Entry(op, repeat, name);
    }

    /** An operator of a known kind from {@code node} (no name or repeat allowed besides the dimensions). */
    static Operator readOperator(JsonNode node, String path) {
        OperatorGraph.Entry e = readEntry(node, path);
        return e.operator();
    }

    /** The record's own field name ({@code matmul.k}) becomes the JSON path ({@code operators[3].k}). */
    private static SpecValidationException renamed(SpecValidationException e, OperatorKind kind, String path) {
        String prefix = kind.id() + ".";
        if (!e.field().startsWith(prefix)) {
            return e;
        }
        String field = JsonFields.child(path, e.field().substring(prefix.length()));
        return new SpecValidationException(field, new RawValue(e.value()), e.rule());
    }

    /** A value already rendered by a {@link SpecValidationException}: printed as is. */
    private record RawValue(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static Operator read(OperatorKind kind, JsonFields f) {
        switch (kind) {
            case MATMUL: {
                Matmul.Variant v = Matmul.Variant.fromId(f.path("variant"), f.text("variant", "matmul"));
                String dim = f.text("batchDim", null);
                Matmul.Dim batchDim = dim == null ? v.defaultBatchDim() : Matmul.Dim.fromId(f.path("batchDim"), dim);
                return new Matmul(v, f.wholeNumber("b", 1), f.wholeNumber("m"), f.wholeNumber("n"), f.wholeNumber("k"),
                        f.bool("bias", false), batchDim);
            }
            case CONV2D: {
                only(f, "conv");
                return new Conv2d(f.wholeNumber("n", 1), f.wholeNumber("inChannels"), f.wholeNumber("outChannels"),
                        f.wholeNumber("height"), f.wholeNumber("width"), f.wholeNumber("kernelH"),
                        f.wholeNumber("kernelW"), f.wholeNumber("strideH", 1), f.wholeNumber("strideW", 1),
                        f.wholeNumber("padH", 0), f.wholeNumber("padW", 0), f.wholeNumber("dilationH", 1),
                        f.wholeNumber("dilationW", 1), checkedGroups(f), f.bool("bias", false), scales(f, "n"));
            }
            case ATTENTION: {
                Attention.Variant v = Attention.Variant.fromId(f.path("variant"), f.text("variant", "sdpa"));
                long heads = f.wholeNumber("heads");
                return new Attention(v, f.wholeNumber("batch", 1), heads, f.wholeNumber("kvHeads", heads),
                        f.wholeNumber("queryLength"), f.wholeNumber("keyLength"), f.wholeNumber("headDim"),
                        f.bool("causal", false), f.bool("fused", false), scales(f, "batch"));
            }
            case ELEMENTWISE: {
                String v = f.requiredText("variant");
                return new Elementwise(v, f.wholeNumber("elements"), f.wholeInt("inputs", 1),
                        f.number("flopsPerElement", Elementwise.defaultFlopsPerElement(v)), scales(f, "elements"));
            }
            case NORMALIZATION:
                return new Normalization(Normalization.Variant.fromId(f.path("variant"), f.text("variant", "layer")),
                        f.wholeNumber("rows"), f.wholeNumber("cols"), scales(f, "rows"));
            case SOFTMAX:
                return new Softmax(Softmax.Variant.fromId(f.path("variant"), f.text("variant", "softmax")),
                        f.wholeNumber("rows"), f.wholeNumber("cols"), scales(f, "rows"));
            case EMBEDDING:
                only(f, "embedding");
                return new Embedding(f.wholeNumber("lookups"), f.wholeNumber("dim"), f.wholeNumber("vocab"),
                        scales(f, "lookups"));
            case POOLING:
                return new Pooling(Pooling.Variant.fromId(f.path("variant"), f.text("variant", "max")),
                        f.wholeNumber("outputElements"), f.wholeNumber("window"), scales(f, "outputElements"));
            case REDUCTION:
                return new Reduction(Reduction.Variant.fromId(f.path("variant"), f.text("variant", "sum")),
                        f.wholeNumber("inputElements"), f.wholeNumber("outputElements"), scales(f, "inputElements"));
            case RECURRENT:
                return new Recurrent(cell(f), f.wholeNumber("batch", 1), f.wholeNumber("sequenceLength"),
                        f.wholeNumber("inputSize"), f.wholeNumber("hiddenSize"), f.wholeNumber("layers", 1),
                        f.bool("bidirectional", false), scales(f, "batch"));
            case MEMORY:
                return new Memory(Memory.Variant.fromId(f.path("variant"), f.text("variant", "copy")),
                        f.wholeNumber("elements"), scales(f, "elements"));
            case OTHER: {
                double flops = f.number("flops", Double.NaN);
                double bytes = f.number("bytes", Double.NaN);
                if (Double.isNaN(flops)) {
                    throw new SpecValidationException(f.path("flops"), null, "is required");
                }
                if (Double.isNaN(bytes)) {
                    throw new SpecValidationException(f.path("bytes"), null, "is required");
                }
                return new Other(f.text("variant", "other"), flops, bytes, f.wholeInt("precisionBytes", 4),
                        scales(f, "both"));
            }
            default:
                throw new SpecValidationException(f.path("kind"), kind.id(), "is not handled");
        }
    }

    private static long checkedGroups(JsonFields f) {
        long groups = f.wholeNumber("groups", 1);
        if (groups < 1) {
            throw new SpecValidationException(f.path("groups"), groups, "must be >= 1");
        }
        return groups;
    }

    private static void only(JsonFields f, String variant) {
        String v = f.text("variant", variant);
        if (!v.equals(variant)) {
            throw new SpecValidationException(f.path("variant"), v, "must be " + variant);
        }
    }

    private static Recurrent.Cell cell(JsonFields f) {
        String variant = f.text("variant", null);
        String cell = f.text("cell", null);
        if (variant != null && cell != null && !variant.equals(cell)) {
            throw new SpecValidationException(f.path("cell"), cell, "must equal variant (\"" + variant + "\")");
        }
        String id = variant != null ? variant : cell != null ? cell : "lstm";
        return Recurrent.Cell.fromId(f.path(variant != null ? "variant" : "cell"), id);
    }

    /** True unless {@code batchDim} is {@code none}; the default dimension's own name is accepted. */
    private static boolean scales(JsonFields f, String defaultDim) {
        String dim = f.text("batchDim", defaultDim);
        if (dim.equals(defaultDim)) {
            return true;
        }
        if (dim.equals(Operator.BATCH_DIM_NONE)) {
            return false;
        }
        throw new SpecValidationException(f.path("batchDim"), dim, "must be \"" + defaultDim + "\" or \"none\"");
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    static ObjectNode write(OperatorGraph.Entry entry) {
        Operator op = entry.operator();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", op.kind().id());
        if (op.kind() != OperatorKind.CONV2D && op.kind() != OperatorKind.EMBEDDING) {
            o.put("variant", op.variantId());
        }
        if (entry.name() != null) {
            o.put("name", entry.name());
        }
        if (entry.repeat() != 1) {
            o.put("repeat", entry.repeat());
        }
        writeDims(o, op);
        String defaultDim = defaultBatchDim(op);
        if (!op.batchDimId().equals(defaultDim)) {
            o.put("batchDim", op.batchDimId());
        }
        return o;
    }

    private static String defaultBatchDim(Operator op) {
        if (op instanceof Matmul) {
            return ((Matmul) op).variant().defaultBatchDim().id();
        }
        return op.scalesWithBatch() ? op.batchDimId() : "";
    }

    private static void writeDims(ObjectNode o, Operator op) {
        if (op instanceof Matmul) {
            Matmul m = (Matmul) op;
            o.put("b", m.b()).put("m", m.m()).put("n", m.n()).put("k", m.k());
            if (m.bias()) {
                o.put("bias", true);
            }
        } else if (op instanceof Conv2d) {
            Conv2d c = (Conv2d) op;
            o.put("n", c.n()).put("inChannels", c.inChannels()).put("outChannels", c.outChannels())
                    .put("height", c.height()).put("width", c.width()).put("kernelH", c.kernelH())
                    .put("kernelW", c.kernelW());
            putUnlessDefault(o, "strideH", c.strideH(), 1);
            putUnlessDefault(o, "strideW", c.strideW(), 1);
            putUnlessDefault(o, "padH", c.padH(), 0);
            putUnlessDefault(o, "padW", c.padW(), 0);
            putUnlessDefault(o, "dilationH", c.dilationH(), 1);
            putUnlessDefault(o, "dilationW", c.dilationW(), 1);
            putUnlessDefault(o, "groups", c.groups(), 1);
            if (c.bias()) {
                o.put("bias", true);
            }
        } else if (op instanceof Attention) {
            Attention a = (Attention) op;
            o.put("batch", a.batch()).put("heads", a.heads()).put("kvHeads", a.kvHeads())
                    .put("queryLength", a.queryLength()).put("keyLength", a.keyLength()).put("headDim", a.headDim())
                    .put("causal", a.causal()).put("fused", a.fused());
        } else if (op instanceof Elementwise) {
            Elementwise e = (Elementwise) op;
            o.put("elements", e.elements()).put("inputs", e.inputs());
            if (e.flopsPerElement() != Elementwise.defaultFlopsPerElement(e.variant())) {
                o.put("flopsPerElement", e.flopsPerElement());
            }
        } else if (op instanceof Normalization) {
            Normalization n = (Normalization) op;
            o.put("rows", n.rows()).put("cols", n.cols());
        } else if (op instanceof Softmax) {
            Softmax s = (Softmax) op;
            o.put("rows", s.rows()).put("cols", s.cols());
        } else if (op instanceof Embedding) {
            Embedding e = (Embedding) op;
            o.put("lookups", e.lookups()).put("dim", e.dim()).put("vocab", e.vocab());
        } else if (op instanceof Pooling) {
            Pooling p = (Pooling) op;
            o.put("outputElements", p.outputElements()).put("window", p.window());
        } else if (op instanceof Reduction) {
            Reduction r = (Reduction) op;
            o.put("inputElements", r.inputElements()).put("outputElements", r.outputElements());
        } else if (op instanceof Recurrent) {
            Recurrent r = (Recurrent) op;
            o.put("batch", r.batch()).put("sequenceLength", r.sequenceLength()).put("inputSize", r.inputSize())
                    .put("hiddenSize", r.hiddenSize()).put("layers", r.layers());
            if (r.bidirectional()) {
                o.put("bidirectional", true);
            }
        } else if (op instanceof Memory) {
            o.put("elements", ((Memory) op).elements());
        } else if (op instanceof Other) {
            Other x = (Other) op;
            putNumber(o, "flops", x.flops());
            putNumber(o, "bytes", x.bytes());
            putUnlessDefault(o, "precisionBytes", x.precisionBytes(), 4);
        }
    }

    /** The value a writer leaves out because it is the default ({@code strideH} 1, {@code bias} false), or null. */
    static JsonNode defaultValue(Operator op, String key) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        switch (key) {
            case "strideH":
            case "strideW":
            case "dilationH":
            case "dilationW":
            case "groups":
                return n.numberNode(1L);
            case "padH":
            case "padW":
                return n.numberNode(0L);
            case "bias":
            case "bidirectional":
                return n.booleanNode(false);
            case "flopsPerElement":
                return op instanceof Elementwise ? n.numberNode(((Elementwise) op).flopsPerElement()) : null;
            case "precisionBytes":
                return n.numberNode(4L);
            default:
                return null;
        }
    }

    private static void putUnlessDefault(ObjectNode o, String key, long value, long ifDefault) {
        if (value != ifDefault) {
            o.put(key, value);
        }
    }

    /** A whole number as an integer, anything else as a decimal. */
    private static void putNumber(ObjectNode o, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 9e15) {
            o.put(key, (long) value);
        } else {
            o.put(key, value);
        }
    }
}
