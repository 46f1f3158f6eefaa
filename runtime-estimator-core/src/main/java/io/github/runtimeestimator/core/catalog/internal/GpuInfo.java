package io.github.runtimeestimator.core.catalog.internal;

import io.github.runtimeestimator.core.internal.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One GPU model a driver reports: a line of {@code nvidia-smi --query-gpu=name,memory.total,count
 * --format=csv,noheader}, for example {@code NVIDIA H100 80GB HBM3, 81559 MiB, 8}, or the devices of one name in
 * {@code rocm-smi --showproductname} output.
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

    /**
     * The GPUs in {@code rocm-smi --showproductname} output, one {@link GpuInfo} per distinct name in order, its
     * count the devices of that name (memory is not in this output: 0). Reads both the plain form
     * ({@code GPU[0]          : Card series:          AMD Instinct MI210}) and {@code --csv}
     * ({@code card0,Arcturus GL-XL [AMD Instinct MI100],0x0c34,...}). The name is the card series; where that
     * is a bare PCI id ({@code 0x738c}, older ROCm) the card model is taken when it is a name.
     */
    public static List<GpuInfo> parseRocmSmiProductName(String output) {
        java.util.LinkedHashMap<String, String> seriesByDevice = new java.util.LinkedHashMap<>();
        java.util.LinkedHashMap<String, String> modelByDevice = new java.util.LinkedHashMap<>();
        String[] lines = output.split("\\R");
        int seriesColumn = -1;
        int modelColumn = -1;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("=")) {
                continue;
            }
            java.util.regex.Matcher plain = PLAIN_LINE.matcher(line);
            if (plain.matches()) {
                String key = plain.group(2).trim().toLowerCase(Locale.ROOT);
                if (key.equals("card series")) {
                    seriesByDevice.putIfAbsent(plain.group(1), plain.group(3).trim());
                } else if (key.equals("card model")) {
                    modelByDevice.putIfAbsent(plain.group(1), plain.group(3).trim());
                }
                continue;
            }
            List<String> cells = csvCells(line);
            if (cells.size() > 1 && cells.get(0).trim().equalsIgnoreCase("device")) {
                for (int i = 0; i < cells.size(); i++) {
                    String h = cells.get(i).trim().toLowerCase(Locale.ROOT);
                    if (h.equals("card series")) {
                        seriesColumn = i;
                    } else if (h.equals("card model")) {
                        modelColumn = i;
                    }
                }
            } else if (seriesColumn > 0 && cells.size() > seriesColumn) {
                seriesByDevice.putIfAbsent(cells.get(0).trim(), cells.get(seriesColumn).trim());
                if (modelColumn > 0 && cells.size() > modelColumn) {
                    modelByDevice.putIfAbsent(cells.get(0).trim(), cells.get(modelColumn).trim());
                }
            }
        }
        java.util.LinkedHashMap<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, String> e : seriesByDevice.entrySet()) {
            String name = e.getValue();
            String model = modelByDevice.getOrDefault(e.getKey(), "");
            if (PCI_ID.matcher(name).matches() && !model.isEmpty() && !PCI_ID.matcher(model).matches()) {
                name = model;
            }
            if (!name.isEmpty()) {
                counts.merge(name, 1, Integer::sum);
            }
        }
        List<GpuInfo> gpus = new ArrayList<>();
        counts.forEach((name, count) -> gpus.add(new GpuInfo(name, 0L, count)));
        return gpus;
    }

    private static final java.util.regex.Pattern PLAIN_LINE =
            java.util.regex.Pattern.compile("(GPU\\[\\d+\\])\\s*:\\s*([^:]+):\\s*(.*)");
    private static final java.util.regex.Pattern PCI_ID = java.util.regex.Pattern.compile("0x[0-9a-fA-F]+");

    private static final com.fasterxml.jackson.databind.ObjectReader CSV_LINE = JsonMappers.csvRows()
            .readerFor(new com.fasterxml.jackson.core.type.TypeReference<List<List<String>>>() { });

    /** The cells of one CSV line (Jackson's CSV reader: a quoted cell may hold commas); none when unreadable. */
    private static List<String> csvCells(String line) {
        try {
            List<List<String>> rows = CSV_LINE.readValue(line);
            return rows == null || rows.isEmpty() ? List.of() : rows.get(0);
        } catch (java.io.IOException e) {
            return List.of();
        }
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
