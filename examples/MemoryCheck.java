// Compares MemoryEstimator with the measured peak memory of every row that has one, per file: whole peaks
// (peak_mem_mib) and, where a file has them, peaks above the framework's baseline (peak_mem_above_baseline_mib).
// Measured rows ran bf16 inference under autocast (fp32 weights), so the estimator is asked the same.
// Run from the repository root (after the CLI jar is built, e.g. by bin/runtime-estimator --help):
//   java -cp runtime-estimator-cli/target/runtime-estimator-cli-0.1.0-SNAPSHOT-all.jar examples/MemoryCheck.java \
//       datasets/*.csv datasets/memory/*.csv
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.io.MeasurementCsv;
import io.github.runtimeestimator.core.io.ReadMode;
import io.github.runtimeestimator.planner.MemoryErrorReport;
import io.github.runtimeestimator.planner.MemoryEstimator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

public class MemoryCheck {
    public static void main(String[] args) throws Exception {
        MemoryEstimator estimator = MemoryEstimator.defaults()
                .withInferenceWeights(MemoryEstimator.InferenceWeights.AUTOCAST);
        List<Measurement> all = new ArrayList<>();
        for (String file : args) {
            List<Measurement> rows = MeasurementCsv.read(Path.of(file), HardwareCatalog.builtIn(), ReadMode.LENIENT)
                    .measurements();
            all.addAll(rows);
            for (MemoryEstimator.Basis basis : MemoryEstimator.Basis.values()) {
                print(file + " (" + basis.name().toLowerCase(Locale.ROOT) + ")", estimator.compareWith(rows, basis));
            }
        }
        print("all files (peak)", estimator.compareWith(all, MemoryEstimator.Basis.PEAK));
    }

    static void print(String what, MemoryErrorReport report) {
        if (report.rows() == 0 && report.oomRows() == 0) {
            return;
        }
        double[] rel = report.comparisons().stream().mapToDouble(MemoryErrorReport.Row::relativeError).sorted().toArray();
        double[] abs = Arrays.stream(rel).map(Math::abs).sorted().toArray();
        long over = Arrays.stream(rel).filter(r -> r > 0).count();
        System.out.printf(Locale.ROOT, "%s: %d rows with a measured peak; median |error| %.1f%%, p90 |error| %.1f%%, "
                        + "signed median %+.1f%%, p10 %+.1f%%, over-predicted on %d; oom rows %d, of which predicted to"
                        + " fit %d%n", what, rel.length, 100 * pct(abs, 0.5), 100 * pct(abs, 0.9), 100 * pct(rel, 0.5),
                100 * pct(rel, 0.1), over, report.oomRows(), report.oomPredictedToFit());
    }

    static double pct(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
