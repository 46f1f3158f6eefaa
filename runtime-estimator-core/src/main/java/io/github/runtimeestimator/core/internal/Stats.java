package io.github.runtimeestimator.core.internal;

import java.util.Arrays;

/** Small, deterministic statistics on arrays. */
public final class Stats {
    private Stats() {
    }

    /** The {@code p} quantile with linear interpolation between order statistics (R's type 7); NaN when empty. */
    public static double quantile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /**
     * The median: the middle value, or the mean of the two middle ones for an even count; NaN when empty.
     *
     * @param values the values, left unchanged
     * @return their median
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
