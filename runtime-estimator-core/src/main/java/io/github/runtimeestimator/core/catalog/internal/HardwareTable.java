package io.github.runtimeestimator.core.catalog.internal;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * The catalogue as Markdown tables, one for accelerators and one for CPUs, with each entry's main figures: what
 * {@code runtime-estimator catalog} prints and what {@code docs/hardware.md} holds between its generated-table
 * markers (a test keeps the two equal). Peaks are dense TFLOP/s per device (INT8 in TOP/s), "-" where the entry
 * lists none (the precision then falls back, see {@link HardwareSpec#peakFlopsPerSecond(Precision)}); an entry
 * with any figure marked UNCONFIRMED in its sources says so in its last column.
 */
public final class HardwareTable {
    private HardwareTable() {
    }

    /** Both tables, with a count line first. */
    public static String markdown(HardwareCatalog catalog) {
        List<HardwareSpec> gpus = catalog.all().stream().filter(e -> !e.isCpu()).toList();
        List<HardwareSpec> cpus = catalog.all().stream().filter(HardwareSpec::isCpu).toList();
        StringBuilder b = new StringBuilder();
        b.append(catalog.all().size()).append(" entries: ").append(gpus.size()).append(" accelerators, ")
                .append(cpus.size()).append(" CPUs.\n\n");
        b.append("| id | name | architecture | SMs/CUs | boost MHz | FP32 | TF32 | BF16 | FP16 | FP8 | INT8 | memory GiB "
                + "| GB/s | L2 MiB | board W | driver names | notes |\n");
        b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                + "| --- | --- |\n");
        for (HardwareSpec h : gpus) {
            b.append("| `").append(h.id()).append("` | ").append(cell(h.name())).append(" | ")
                    .append(cell(h.architecture())).append(" | ").append(h.computeUnits()).append(" | ")
                    .append(number(h.clockMhz())).append(" | ").append(tflops(h, Precision.FP32)).append(" | ")
                    .append(tflops(h, Precision.TF32)).append(" | ").append(tflops(h, Precision.BF16)).append(" | ")
                    .append(tflops(h, Precision.FP16)).append(" | ").append(tera(h.fp8PeakFlopsPerSecond()))
                    .append(" | ").append(tflops(h, Precision.INT8)).append(" | ")
                    .append(number(h.memoryBytes() / (double) (1L << 30))).append(" | ")
                    .append(number(h.memoryBandwidthBytesPerSecond() / 1e9)).append(" | ")
                    .append(mib(h.l2CacheBytes())).append(" | ").append(positive(h.tdpWatts())).append(" | ")
                    .append(cell(String.join(", ", h.aliases()))).append(" | ").append(notes(h)).append(" |\n");
        }
        b.append("\n| id | name | architecture | cores | base / boost MHz | FP32 | BF16 | FP16 | INT8 | L2 MiB | L3 MiB "
                + "| GB/s | TDP W | CPU ids | model names | notes |\n");
        b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- "
                + "| --- |\n");
        for (HardwareSpec h : cpus) {
            b.append("| `").append(h.id()).append("` | ").append(cell(h.name())).append(" | ")
                    .append(cell(h.architecture())).append(" | ").append(h.computeUnits()).append(" | ")
                    .append(number(h.clockMhz())).append(" / ").append(positive(h.boostClockMhz())).append(" | ")
                    .append(tflops(h, Precision.FP32)).append(" | ").append(tflops(h, Precision.BF16)).append(" | ")
                    .append(tflops(h, Precision.FP16)).append(" | ").append(tflops(h, Precision.INT8)).append(" | ")
                    .append(mib(h.l2CacheBytes())).append(" | ").append(mib(h.l3CacheBytes())).append(" | ")
                    .append(number(h.memoryBandwidthBytesPerSecond() / 1e9)).append(" | ")
                    .append(positive(h.tdpWatts())).append(" | ").append(cell(String.join(", ", h.cpuIds())))
                    .append(" | ").append(cell(String.join(", ", h.aliases()))).append(" | ").append(notes(h))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String tflops(HardwareSpec h, Precision p) {
        Double v = h.peakFlopsPerSecond().get(p);
        return v == null ? "-" : tera(v);
    }

    private static String tera(double flopsPerSecond) {
        return flopsPerSecond > 0 ? number(flopsPerSecond / 1e12) : "-";
    }

    private static String mib(long bytes) {
        return bytes > 0 ? number(bytes / (double) (1L << 20)) : "-";
    }

    private static String positive(double v) {
        return v > 0 ? number(v) : "-";
    }

    /** Up to five significant digits, no exponent, no trailing zeros: 19.5, 1979, 0.1664, 3276.8. */
    static String number(double v) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(5)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String notes(HardwareSpec h) {
        boolean unconfirmed = h.sources().stream().anyMatch(s -> s.toUpperCase(Locale.ROOT).contains("UNCONFIRMED"));
        return unconfirmed ? "some figures unconfirmed" : "";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
