package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.internal.Stats;
import java.util.List;

/**
 * How far {@link MemoryEstimator} is from measured peaks.
 *
 * @param comparisons       measured rows with a peak, each with the prediction
 * @param oomRows           {@code oom} rows seen
 * @param oomPredictedToFit {@code oom} rows the estimator wrongly says fit
 */
public record MemoryErrorReport(List<Row> comparisons, int oomRows, int oomPredictedToFit) {

    /**
     * Copies {@code comparisons} (not null) into an unmodifiable list.
     *
     * @param comparisons       measured rows with a peak, each with the prediction
     * @param oomRows           {@code oom} rows seen
     * @param oomPredictedToFit {@code oom} rows the estimator wrongly says fit
     */
    public MemoryErrorReport {
        comparisons = List.copyOf(comparisons);
    }

    /**
     * One measured peak against its prediction.
     *
     * @param workload     the measured workload
     * @param measuredMib  the measured peak, in MiB
     * @param predictedMib the prediction it is compared with, in MiB
     * @param kind {@code peak} (a whole peak) or {@code above_baseline} (a peak less the framework's own memory)
     */
    public record Row(WorkloadSpec workload, double measuredMib, double predictedMib, String kind) {
        /**
         * A whole peak ({@code kind} {@code peak}).
         *
         * @param workload     the measured workload
         * @param measuredMib  the measured peak, in MiB
         * @param predictedMib the prediction it is compared with, in MiB
         */
        public Row(WorkloadSpec workload, double measuredMib, double predictedMib) {
            this(workload, measuredMib, predictedMib, "peak");
        }

        /**
         * (predicted - measured) / measured: positive means the estimator over-predicts.
         *
         * @return the relative error, 0.1 for 10% over
         */
        public double relativeError() {
            return (predictedMib - measuredMib) / measuredMib;
        }
    }

    /**
     * Rows compared.
     *
     * @return the number of {@link #comparisons()}
     */
    public int rows() {
        return comparisons.size();
    }

    /**
     * Mean absolute relative error; NaN with no rows.
     *
     * @return the mean of {@code |relativeError|} over the rows
     */
    public double meanAbsoluteRelativeError() {
        return comparisons.stream().mapToDouble(r -> Math.abs(r.relativeError())).average().orElse(Double.NaN);
    }

    /**
     * Median absolute relative error; NaN with no rows.
     *
     * @return the median of {@code |relativeError|} over the rows
     */
    public double medianAbsoluteRelativeError() {
        return Stats.median(comparisons.stream().mapToDouble(r -> Math.abs(r.relativeError())).toArray());
    }

    /**
     * Share of rows where the estimate was at or above the measured peak (safe for planning); NaN with none.
     *
     * @return the share, in [0, 1]
     */
    public double shareNotUnderPredicted() {
        if (comparisons.isEmpty()) {
            return Double.NaN;
        }
        return comparisons.stream().filter(r -> r.predictedMib() >= r.measuredMib()).count()
                / (double) comparisons.size();
    }
}
