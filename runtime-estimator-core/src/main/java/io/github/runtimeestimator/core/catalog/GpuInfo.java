package io.github.runtimeestimator.core.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of {@code nvidia-smi --query-gpu=name,memory.total,count --format=csv,noheader}, for example
 * {@code NVIDIA H100 80GB HBM3, 81559 MiB, 8}.
 *
 * @param name        the name the driver reports (a catalogue alias)
 * @param memoryBytes total device memory in bytes; 0 when the driver printed no number ({@code [N/A]})
 * @param count       GPUs the driver sees on this host, at least 1
 */
public record GpuInfo(String name, long memoryBytes, int count) {

    /** Parses every non-blank line of the command's output; lines without a name are skipped. */
    public static List<GpuInfo> parseNvidiaSmiCsv(String output) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] cells = line.split(",");
            String name = cells[0].trim();
            if (name.isEmpty()) {
                continue;
            }
            long memory = cells.length > 1 ? parseMemoryBytes(cells[1]) : 0L;
            int count = cells.length > 2 ? parseCount(cells[2]) : 1;
            gpus.add(new GpuInfo(name, memory, count));
        }
        return gpus;
    }

    /** {@code 81559 MiB} -> bytes; nvidia-smi prints MiB unless told {@code nounits}, where a bare number is MiB. */
    static long parseMemoryBytes(String cell) {
        String[] parts = cell.trim().split("\\s+");
        try {
            double value = Double.parseDouble(parts[0]);
            String unit = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "mib";
            double scale = switch (unit) {
                case "kib" -> 1L << 10;
                case "gib" -> 1L << 30;
                case "b" -> 1;
                default -> 1L << 20;
            };
            return (long) (value * scale);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private static int parseCount(String cell) {
        try {
            return Math.max(1, Integer.parseInt(cell.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
