package io.github.runtimeestimator.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Optimizer;
import io.github.runtimeestimator.core.Phase;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the roofline bound with the real measurements: a measured step should not beat the datasheet
 * roofline. It reports the share of rows at or above the bound and never fails on it (the bound is a model:
 * a row below it says where the byte model over-counts). It only asserts that the files were read.
 */
class RooflineOnMeasurementsTest {

    private static final Logger LOG = LoggerFactory.getLogger(RooflineOnMeasurementsTest.class);

    @Test
    void reportsTheShareOfMeasuredStepsAtOrAboveTheRoofline() throws IOException {
        Path dir = RepositoryFiles.datasets();
        HardwareCatalog catalog = HardwareCatalog.builtIn();
        Summary gpu = check(dir.resolve("h100-sxm-pytorch.csv"), catalog.require("nvidia-h100-sxm-80gb"));
        Summary cpu = check(dir.resolve("xeon16-pytorch-cpu.csv"), catalog.require("intel-xeon-emr-16c"));
        LOG.info("roofline check h100-sxm-pytorch.csv: {}", gpu);
        LOG.info("roofline check xeon16-pytorch-cpu.csv: {}", cpu);
        assertThat(gpu.rows).isGreaterThan(800);
        assertThat(cpu.rows).isGreaterThan(50);
    }

    private static Summary check(Path csv, HardwareSpec device) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = split(lines.get(0));
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i), i);
        }
        List<Double> ratios = new ArrayList<>();
        Map<String, int[]> belowByPhase = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = split(line);
            if (!"ok".equals(f.get(col.get("status")))) {
                continue;
            }
            Phase phase = Phase.fromId(f.get(col.get("phase")));
            int batch = Integer.parseInt(f.get(col.get("batch_size")));
            ModelSpec model = ModelSpec.builder().name(f.get(col.get("model")))
                    .parameters(Long.parseLong(f.get(col.get("params"))))
                    .flopsPerSample(Double.parseDouble(f.get(col.get("flops_per_sample")))).build();
            JobSpec job = phase == Phase.INFER ? JobSpec.inference(batch)
                    : JobSpec.trainingStep(batch, Optimizer.fromId(f.get(col.get("optimizer"))),
                    Double.parseDouble(f.get(col.get("learning_rate"))));
            HardwareSpec hw = device.isCpu() ? device.withThreadsUsed(Integer.parseInt(f.get(col.get("threads"))))
                    : device;
            WorkloadSpec spec = new WorkloadSpec(model, job, Precision.fromId(f.get(col.get("precision"))), hw);
            double secondsPerStep = Double.parseDouble(f.get(col.get("time_s")))
                    / Long.parseLong(f.get(col.get("steps")));
            double ratio = secondsPerStep / Roofline.rooflineSeconds(spec);
            ratios.add(ratio);
            int[] counts = belowByPhase.computeIfAbsent(phase.id() + "/" + spec.precision().id(), k -> new int[2]);
            counts[0]++;
            if (ratio < 1) {
                counts[1]++;
            }
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long atOrAbove = Arrays.stream(sorted).filter(r -> r >= 1).count();
        return new Summary(sorted.length, atOrAbove, sorted, belowByPhase);
    }

    private record Summary(int rows, long atOrAbove, double[] sortedRatios, Map<String, int[]> belowByPhase) {
        private double quantile(double q) {
            return sortedRatios[(int) Math.min(sortedRatios.length - 1, Math.floor(q * sortedRatios.length))];
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "%d ok rows, %d (%.1f%%) measured >= roofline; measured/roofline min %.3g p10 %.3g median %.3g p90 %.3g max %.3g; rows below by phase/precision:",
                    rows, atOrAbove, 100.0 * atOrAbove / rows, sortedRatios[0], quantile(0.1), quantile(0.5),
                    quantile(0.9), sortedRatios[sortedRatios.length - 1]));
            belowByPhase.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    sb.append(' ').append(e.getKey()).append('=').append(e.getValue()[1]).append('/')
                            .append(e.getValue()[0]));
            return sb.toString();
        }
    }

    /** Splits one CSV line, honouring double quotes (schema v1 quotes {@code cpu_isa}). */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
