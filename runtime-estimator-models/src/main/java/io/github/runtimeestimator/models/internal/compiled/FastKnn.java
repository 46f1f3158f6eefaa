package io.github.runtimeestimator.models.internal.compiled;


/**
 * k nearest neighbours regression by Euclidean (L2) distance without a sort per call: one pass over the
 * training rows (flat, row-major {@code double[]}) keeps the k best in a bounded max-heap (O(n log k)), and
 * abandons a row's distance sum as soon as it reaches the current k-th best. Immutable and thread-safe;
 * the per-call scratch space is thread-local, so a prediction allocates nothing after a thread's first.
 *
 * <h2>Exactly what it computes</h2>
 * The distance of training row {@code i} to the query {@code q} is
 * {@code sqrt(sum over j in order of (x[i][j] - q[j])^2)}, as Tribuo's {@code L2Distance} on dense
 * vectors. Neighbours are ordered by distance, ties by lower row index (Tribuo's stable sort over the
 * training order). Early abandoning cannot change the answer: partial sums of non-negative terms never
 * decrease in floating point, and a row whose sum reaches the k-th best's sum loses at best a tie to an
 * earlier row. A k-d tree was not used: with ~15 dimensions and ~1,000-2,000 rows it prunes almost nothing.
 *
 * <h2>Combination</h2>
 * {@link Combination#MEAN} averages the k targets. {@link Combination#TRIBUO_4_3_AVERAGING_COMBINER}
 * reproduces what Tribuo 4.3.2's {@code KNNModel.predict} returns with the regression
 * {@code AveragingCombiner}: that combiner's unweighted {@code combine} updates
 * {@code mean += (value - oldMean)}, so it returns the target of the <em>last</em> (k-th nearest)
 * neighbour (up to that update's rounding, replicated here), not the mean: runtime-estimator-training can keep
 * that behaviour when it compiles a Tribuo {@code KNNModel} to reproduce its predictions; estimators use
 * {@code MEAN}.
 *
 * <h2>Validation</h2>
 * The factories refuse empty or ragged data, non-finite or out-of-range values ({@link EvaluatorLimits}) and
 * a {@code k} outside 1..{@link EvaluatorLimits#MAX_K}, so a prediction on finite inputs is always a finite
 * mean of finite targets.
 */
public final class FastKnn implements CompiledEvaluator {
    /** How the k neighbours' targets become one prediction. */
    public enum Combination {
        /** The arithmetic mean of the k targets, summed nearest first. */
        MEAN,
        /** The k-th nearest neighbour's target, as Tribuo 4.3.2's regression AveragingCombiner computes it. */
        TRIBUO_4_3_AVERAGING_COMBINER
    }

    private final int rows;
    private final int dimensions;
    private final int k;
    private final double[] points;
    private final double[] targets;
    private final Combination combination;
    private final ThreadLocal<Scratch> scratch;

    private FastKnn(double[] points, double[] targets, int dimensions, int k, Combination combination) {
        this.rows = targets.length;
        this.dimensions = dimensions;
        this.k = Math.min(k, rows);
        this.points = points;
        this.targets = targets;
        this.combination = combination;
        int heapSize = this.k;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(heapSize));
    }

    /**
     * Builds from training vectors (copied) and their targets.
     *
     * @param vectors     one row per training example, all of the same length
     * @param targets     the target of each row
     * @param k           neighbours per prediction, >= 1 (capped at the number of rows)
     * @param combination how the neighbours' targets are combined
     * @throws InvalidModelException naming the array and element that breaks a rule
     */
    public static FastKnn of(double[][] vectors, double[] targets, int k, Combination combination) {
        if (vectors.length == 0) {
            throw new InvalidModelException("vectors", "empty; at least one training row is required");
        }
        int dimensions = vectors[0].length;
        double[] flat = new double[Math.multiplyExact(vectors.length, dimensions)];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dimensions) {
                throw new InvalidModelException("vectors[" + i + "]", "length " + vectors[i].length
                        + " but row 0 has " + dimensions);
            }
            System.arraycopy(vectors[i], 0, flat, i * dimensions, dimensions);
        }
        return ofRowMajor(flat, targets, dimensions, k, combination);
    }

    /**
     * Builds from training vectors stored row after row in {@code points} ({@code targets.length} rows of
     * {@code dimensions} values; copied) and their targets.
     *
     * @throws InvalidModelException naming the array and element that breaks a rule
     */
    public static FastKnn ofRowMajor(double[] points, double[] targets, int dimensions, int k,
                                     Combination combination) {
        java.util.Objects.requireNonNull(combination, "combination");
        EvaluatorLimits.requireCount("targets", targets.length, 1, EvaluatorLimits.MAX_KNN_ROWS);
        EvaluatorLimits.requireCount("dimensions", dimensions, 1, EvaluatorLimits.MAX_DIMENSIONS);
        EvaluatorLimits.requireCount("k", k, 1, EvaluatorLimits.MAX_K);
        if (points.length != (long) targets.length * dimensions) {
            throw new InvalidModelException("points", "count " + points.length + " but " + targets.length
                    + " rows x " + dimensions + " dimensions");
        }
        for (int i = 0; i < points.length; i++) {
            if (!(Math.abs(points[i]) <= EvaluatorLimits.MAX_ABS_VALUE)) {
                throw new InvalidModelException("points[" + i + "]", points[i] + " must be finite with magnitude <= "
                        + EvaluatorLimits.MAX_ABS_VALUE);
            }
        }
        for (int i = 0; i < targets.length; i++) {
            EvaluatorLimits.requireFinite("targets[" + i + "]", targets[i], EvaluatorLimits.MAX_ABS_VALUE);
        }
        return new FastKnn(points.clone(), targets.clone(), dimensions, k, combination);
    }

    /** Predicts one query (length {@link #dimensions()}, finite values). */
    @Override
    public double predict(double[] query) {
        Scratch s = scratch.get();
        int found = select(query, s);
        sortAscending(s, found);
        if (combination == Combination.TRIBUO_4_3_AVERAGING_COMBINER) {
            // Tribuo 4.3.2 AveragingCombiner.combine(info, predictions), operation for operation.
            double mean = 0.0;
            for (int i = 0; i < found; i++) {
                double oldMean = mean;
                mean += targets[s.index[i]] - oldMean;
            }
            return mean;
        }
        double sum = 0.0;
        for (int i = 0; i < found; i++) {
            sum += targets[s.index[i]];
        }
        return sum / found;
    }

    /**
     * The k nearest rows, nearest first: writes their row indices and distances and returns how many
     * (k, or fewer when there are fewer rows).
     */
    public int neighbours(double[] query, int[] indicesOut, double[] distancesOut) {
        Scratch s = scratch.get();
        int found = select(query, s);
        sortAscending(s, found);
        System.arraycopy(s.index, 0, indicesOut, 0, found);
        System.arraycopy(s.distance, 0, distancesOut, 0, found);
        return found;
    }

    private int select(double[] q, Scratch s) {
        if (q.length != dimensions) {
            throw new IllegalArgumentException("query: length " + q.length + " but the training vectors have "
                    + dimensions);
        }
        final double[] p = points;
        final int d = dimensions;
        final double[] heapDistance = s.distance;
        final double[] heapSum = s.sum;
        final int[] heapIndex = s.index;
        int count = 0;
        for (int i = 0, base = 0; i < rows; i++, base += d) {
            // NaN while the heap fills: no comparison with it is true, so nothing is abandoned (an infinite sum
            // from an extreme query still takes a slot, and some k rows are always found)
            double bound = count < k ? Double.NaN : heapSum[0];
            double sum = 0.0;
            int j = 0;
            for (; j < d; j++) {
                double diff = p[base + j] - q[j];
                sum += diff * diff;
                if (sum >= bound) {
                    break;
                }
            }
            if (j < d) {
                continue; // reached the k-th best's sum: at best a tie, which the earlier row wins
            }
            double distance = Math.sqrt(sum);
            if (count < k) {
                siftUp(heapDistance, heapSum, heapIndex, count, distance, sum, i);
                count++;
            } else if (distance < heapDistance[0]) {
                siftDown(heapDistance, heapSum, heapIndex, count, distance, sum, i);
            }
        }
        return count;
    }

    /** Max-heap order: larger distance first, among equal distances larger index first. */
    private static boolean after(double distanceA, int indexA, double distanceB, int indexB) {
        return distanceA > distanceB || (distanceA == distanceB && indexA > indexB);
    }

    private static void siftUp(double[] dist, double[] sum, int[] idx, int slot, double d, double s, int i) {
        int child = slot;
        while (child > 0) {
            int parent = (child - 1) >>> 1;
            if (!after(d, i, dist[parent], idx[parent])) {
                break;
            }
            dist[child] = dist[parent];
            sum[child] = sum[parent];
            idx[child] = idx[parent];
            child = parent;
        }
        dist[child] = d;
        sum[child] = s;
        idx[child] = i;
    }

    /** Replaces the root with (d, s, i) and restores the heap. */
    private static void siftDown(double[] dist, double[] sum, int[] idx, int size, double d, double s, int i) {
        int parent = 0;
        while (true) {
            int child = 2 * parent + 1;
            if (child >= size) {
                break;
            }
            int right = child + 1;
            if (right < size && after(dist[right], idx[right], dist[child], idx[child])) {
                child = right;
            }
            if (!after(dist[child], idx[child], d, i)) {
                break;
            }
            dist[parent] = dist[child];
            sum[parent] = sum[child];
            idx[parent] = idx[child];
            parent = child;
        }
        dist[parent] = d;
        sum[parent] = s;
        idx[parent] = i;
    }

    /** Insertion sort of the first {@code n} heap slots into (distance, index) ascending order; k is small. */
    private static void sortAscending(Scratch s, int n) {
        double[] dist = s.distance;
        double[] sum = s.sum;
        int[] idx = s.index;
        for (int a = 1; a < n; a++) {
            double d = dist[a];
            double su = sum[a];
            int i = idx[a];
            int b = a - 1;
            while (b >= 0 && after(dist[b], idx[b], d, i)) {
                dist[b + 1] = dist[b];
                sum[b + 1] = sum[b];
                idx[b + 1] = idx[b];
                b--;
            }
            dist[b + 1] = d;
            sum[b + 1] = su;
            idx[b + 1] = i;
        }
    }

    /** A copy of the training vectors, row after row. */
    public double[] points() {
        return points.clone();
    }

    /** A copy of the training targets. */
    public double[] targets() {
        return targets.clone();
    }

    /** Training rows. */
    public int size() {
        return rows;
    }

    /** Length of each vector. */
    @Override
    public int dimensions() {
        return dimensions;
    }

    /** Neighbours per prediction (capped at {@link #size()}). */
    public int k() {
        return k;
    }

    /** How targets are combined. */
    public Combination combination() {
        return combination;
    }

    @Override
    public String toString() {
        return "FastKnn[rows=" + rows + ", dimensions=" + dimensions + ", k=" + k + ", " + combination + "]";
    }

    private static final class Scratch {
        final double[] distance;
        final double[] sum;
        final int[] index;

        Scratch(int k) {
            distance = new double[k];
            sum = new double[k];
            index = new int[k];
        }
    }
}
