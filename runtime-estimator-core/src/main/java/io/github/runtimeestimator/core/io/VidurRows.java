package io.github.runtimeestimator.core.io;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.KernelMeasurement;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.graph.Elementwise;
import io.github.runtimeestimator.core.graph.Embedding;
import io.github.runtimeestimator.core.graph.Matmul;
import io.github.runtimeestimator.core.graph.Normalization;
import io.github.runtimeestimator.core.graph.Operator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of Vidur's LLM operator profiles as converted for the shared data ({@code llm-ops.csv.gz};
 * {@code docs/formats/kernel-measurements.md} gives the mapping): {@code median_ms} becomes seconds,
 * {@code min_ms} the fastest call. The model, Vidur's operator name and the tensor-parallel degree are kept as
 * extra columns ({@code model}, {@code op}, {@code tensor_parallel}).
 */
final class VidurRows extends KernelRowDecoder {
    static final String SOURCE = "vidur";
    private static final List<String> REQUIRED = List.of("device", "model", "dtype", "op", "kind", "num_tokens",
            "n_embd", "median_ms");

    VidurRows(HardwareCatalog catalog, String fileName) {
        super(catalog, fileName);
    }

    @Override
    List<String> requiredColumns() {
        return REQUIRED;
    }

    @Override
    KernelMeasurement decode(Map<String, String> row) throws RowFault {
        HardwareSpec hardware = device("device", row.get("device"));
        Precision precision = build("dtype", row.get("dtype"), () -> Precision.fromId("dtype", row.get("dtype")));
        Operator operator = operator(row);
        double seconds = millisecondsAsSeconds(row, "median_ms");
        double secondsMin = row.getOrDefault("min_ms", "").isBlank() ? Double.NaN
                : millisecondsAsSeconds(row, "min_ms");
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("model", row.get("model").trim());
        extras.put("op", row.get("op").trim());
        extras.put("tensor_parallel", row.getOrDefault("tensor_parallel", "").trim());
        return build("", "", () -> KernelMeasurement.builder().operator(operator).hardware(hardware)
                .precision(precision).seconds(seconds).secondsMin(secondsMin)
                .reportedDevice(row.get("device").trim()).framework("pytorch").runId(fileName).source(SOURCE)
                .extraColumns(extras).build());
    }

    private static Operator operator(Map<String, String> row) throws RowFault {
        String kind = required(row, "kind");
        switch (kind) {
            case "matmul": {
                long m = wholeNumber(row, "M", 1);
                long n = wholeNumber(row, "N", 1);
                long k = wholeNumber(row, "K", 1);
                return operator("M", row.get("M"), () -> Matmul.linear(m, n, k, false));
            }
            case "norm": {
                long elements = wholeNumber(row, "elements", 1);
                long cols = wholeNumber(row, "n_embd", 1);
                if (elements % cols != 0) {
                    throw new RowFault("elements", row.get("elements"), "is not a multiple of n_embd " + cols);
                }
                // Phi-2 uses LayerNorm, the Llama-family models RMSNorm
                boolean layer = row.get("model").toLowerCase(Locale.ROOT).contains("phi");
                Normalization.Variant variant = layer ? Normalization.Variant.LAYER : Normalization.Variant.RMS;
                return operator("elements", row.get("elements"), () -> new Normalization(variant, elements / cols, cols));
            }
            case "elementwise": {
                long elements = wholeNumber(row, "elements", 1);
                return operator("elements", row.get("elements"), () -> Elementwise.binary("add", elements));
            }
            case "activation": {
                long elements = wholeNumber(row, "elements", 1);
                if (Boolean.parseBoolean(row.getOrDefault("gated_mlp", "").trim())) {
                    // SiLU-and-multiply: reads both halves of its input, writes one
                    if (elements % 2 != 0) {
                        throw new RowFault("elements", row.get("elements"), "must be even for a gated MLP");
                    }
                    return operator("elements", row.get("elements"),
                            () -> new Elementwise("swiglu", elements / 2, 2));
                }
                return operator("elements", row.get("elements"), () -> Elementwise.unary("gelu", elements));
            }
            case "rope": {
                long elements = wholeNumber(row, "elements", 1);
                return operator("elements", row.get("elements"), () -> new Elementwise("rope", elements, 2));
            }
            case "embedding": {
                long lookups = wholeNumber(row, "num_tokens", 1);
                long dim = wholeNumber(row, "n_embd", 1);
                long vocab = wholeNumber(row, "vocab_size", 1);
                return operator("num_tokens", row.get("num_tokens"), () -> new Embedding(lookups, dim, vocab));
            }
            default:
                throw new RowFault("kind", kind,
                        "is not a Vidur operator kind (matmul, norm, elementwise, activation, rope, embedding)");
        }
    }
}
