package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.Conv2d;
import io.github.runtimeestimator.core.graph.Elementwise;
import io.github.runtimeestimator.core.graph.Matmul;
import io.github.runtimeestimator.core.graph.Normalization;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.core.graph.Softmax;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of the NeuSight artifact's kernel files (one per operator family; {@code docs/formats/kernel-measurements.md}
 * gives the mapping): {@code latency_ms} becomes seconds, the dims the operator of the vocabulary.
 *
 * <p>Precision: the file's {@code dtype} ({@code fp32} throughout). The shared data's README warns that cuDNN may
 * have used TF32 for the A100's convolutions; the kernels the profiler recorded for those rows are all FP32 SIMT
 * kernels ({@code ampere_sgemm_*}, {@code *_scudnn_*}, {@code implicit_convolve_sgemm}), none a TF32 tensor-core
 * kernel, so the rows are read as {@code fp32} like the rest.
 */
final class NeuSightRows extends KernelRowDecoder {
    static final String SOURCE = "neusight";
    private static final List<String> COMMON = List.of("op", "device", "torch", "dtype", "latency_ms");
    private static final Set<String> BINARY = Set.of("add", "mul", "pow", "div");
    private static final Set<String> WITH_SCALAR = Set.of("addu", "mulu", "powu", "divu");
    private static final Set<String> UNARY = Set.of("relu", "gelu", "tanh");

    /** Which of the artifact's files: told by its dimension columns. */
    private enum Layout {
        MATMUL(List.of("B", "M", "N", "K")),
        CONV2D(List.of("batch", "in_channels", "out_channels", "kernel_size", "input_size", "stride", "padding")),
        ROWS(List.of("B", "H"));

        private final List<String> dims;

        Layout(List<String> dims) {
            this.dims = dims;
        }
    }

    private final Layout layout;

    private NeuSightRows(HardwareCatalog catalog, String fileName, Layout layout) {
        super(catalog, fileName);
        this.layout = layout;
    }

    static NeuSightRows forHeader(List<String> header, HardwareCatalog catalog, String fileName) throws RowFault {
        for (Layout layout : Layout.values()) {
            if (header.containsAll(layout.dims)) {
                return new NeuSightRows(catalog, fileName, layout);
            }
        }
        throw new RowFault("", null, "NeuSight header has none of the dimension sets (B,M,N,K), "
                + "(batch,in_channels,...) or (B,H)");
    }

    @Override
    List<String> requiredColumns() {
        return concat(COMMON, layout.dims);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    KernelMeasurement decode(Map<String, String> row) throws RowFault {
        String op = required(row, "op");
        HardwareSpec hardware = device("device", row.get("device"));
        Precision precision = build("dtype", row.get("dtype"), () -> Precision.fromId("dtype", row.get("dtype")));
        Operator operator = operator(op, row);
        double seconds = millisecondsAsSeconds(row, "latency_ms");
        String torch = required(row, "torch");
        String version = torch.startsWith("p") ? torch.substring(1) : torch;
        String accelerator = row.getOrDefault("cuda", "").trim();
        String framework = "pytorch " + version + (accelerator.isEmpty() ? "" : " " + accelerator);
        return build("", "", () -> KernelMeasurement.builder().operator(operator).hardware(hardware)
                .precision(precision).seconds(seconds).reportedDevice(row.get("device").trim())
                .framework(framework).runId(fileName).source(SOURCE).build());
    }

    private Operator operator(String op, Map<String, String> row) throws RowFault {
        switch (layout) {
            case MATMUL: {
                long b = wholeNumber(row, "B", 1);
                long m = wholeNumber(row, "M", 1);
                long n = wholeNumber(row, "N", 1);
                long k = wholeNumber(row, "K", 1);
                if (op.equals("bmm")) {
                    // (B,M,N) x (B,N,K): their N is the contraction
                    return operator("op", op, () -> new Matmul(Matmul.Variant.BMM, b, m, k, n, false));
                }
                if (op.equals("linear")) {
                    // input (B,M,N) through nn.Linear(N, K, bias=True): B*M rows
                    return operator("op", op, () -> Matmul.linear(Math.multiplyExact(b, m), k, n, true));
                }
                throw new RowFault("op", op, "must be bmm or linear in a matmul file");
            }
            case CONV2D: {
                if (!op.equals("conv")) {
                    throw new RowFault("op", op, "must be conv in a conv2d file");
                }
                long batch = wholeNumber(row, "batch", 1);
                long in = wholeNumber(row, "in_channels", 1);
                long out = wholeNumber(row, "out_channels", 1);
                long kernel = wholeNumber(row, "kernel_size", 1);
                long size = wholeNumber(row, "input_size", 1);
                long stride = wholeNumber(row, "stride", 1);
                long padding = wholeNumber(row, "padding", 0);
                return operator("input_size", row.get("input_size"), () -> Conv2d.builder().n(batch)
                        .channels(in, out).size(size, size).kernel(kernel).stride(stride).padding(padding)
                        .bias(false).build());
            }
            default: {
                long rows = wholeNumber(row, "B", 1);
                long cols = wholeNumber(row, "H", 1);
                long elements;
                try {
                    elements = Math.multiplyExact(rows, cols);
                } catch (ArithmeticException e) {
                    throw new RowFault("H", row.get("H"), "B x H is too large");
                }
                if (op.equals("ln")) {
                    return operator("op", op, () -> new Normalization(Normalization.Variant.LAYER, rows, cols));
                }
                if (op.equals("softmax")) {
                    return operator("op", op, () -> new Softmax(rows, cols));
                }
                if (BINARY.contains(op)) {
                    return operator("op", op, () -> Elementwise.binary(op, elements));
                }
                if (WITH_SCALAR.contains(op)) {
                    String base = op.substring(0, op.length() - 1);
                    return operator("op", op, () -> Elementwise.unary(base, elements));
                }
                if (UNARY.contains(op)) {
                    return operator("op", op, () -> Elementwise.unary(op, elements));
                }
                throw new RowFault("op", op, "is not a NeuSight operator (ln, softmax, add, mul, pow, div, addu, "
                        + "mulu, powu, divu, relu, gelu, tanh)");
            }
        }
    }
}
