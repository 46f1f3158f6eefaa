package io.github.runtimeestimator.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.models.evaluation.ComparisonFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Lists the hardware the estimator knows: id, name, dense peaks, memory and bandwidth.")
final class CatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--catalog", paramLabel = "extra.json", description = "hardware catalogue merged over the built-in one")
    Path catalog;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Override
    public Integer call() {
        List<HardwareSpec> all = Inputs.catalog(catalog).all();
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            ObjectNode root = JsonMappers.output().createObjectNode();
            ArrayNode entries = root.putArray("hardware");
            for (HardwareSpec h : all) {
                ObjectNode o = entries.addObject();
                o.put("id", h.id());
                o.put("name", h.name());
                o.put("kind", h.kind().id());
                ObjectNode peaks = o.putObject("peak_flops_per_second");
                for (Map.Entry<Precision, Double> e : h.peakFlopsPerSecond().entrySet()) {
                    peaks.put(e.getKey().id(), e.getValue());
                }
                o.put("memory_bytes", h.memoryBytes());
                o.put("memory_bandwidth_bytes_per_second", h.memoryBandwidthBytesPerSecond());
            }
            out.println(ComparisonFormat.toJsonText(root));
        } else {
            out.println("| id | name | kind | FP32 TFLOP/s | TF32 TFLOP/s | BF16 TFLOP/s | FP16 TFLOP/s | memory GiB "
                    + "| bandwidth GB/s |");
            out.println("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (HardwareSpec h : all) {
                out.println("| " + h.id() + " | " + h.name() + " | " + h.kind().id()
                        + " | " + tflops(h, Precision.FP32) + " | " + tflops(h, Precision.TF32) + " | "
                        + tflops(h, Precision.BF16) + " | " + tflops(h, Precision.FP16) + " | "
                        + String.format(Locale.ROOT, "%.0f", h.memoryBytes() / (double) (1L << 30)) + " | "
                        + String.format(Locale.ROOT, "%.0f", h.memoryBandwidthBytesPerSecond() / 1e9) + " |");
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The listed peak, or "-" when the device lists none for that precision. */
    private static String tflops(HardwareSpec h, Precision p) {
        Double v = h.peakFlopsPerSecond().get(p);
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v / 1e12);
    }
}
