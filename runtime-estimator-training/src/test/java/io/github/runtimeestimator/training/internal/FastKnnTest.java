package io.github.runtimeestimator.training.internal;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import io.github.runtimeestimator.models.internal.compiled.FastKnn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.protos.core.EnsembleCombinerProto;
import org.tribuo.regression.Regressor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FastKnn against a brute-force sort and against Tribuo's KNNModel on the standardized H100 rows. */
class FastKnnTest {
    private static final int K = TrainedModels.KNN_K;
    private final TrainedModels models = TrainedModels.get();
    private final double[][] rows = models.knnRows;
    private final double[] targets = models.data.targets;

    @Test
    void neighboursAndMeanEqualABruteForceSortOnEveryRowAndPerturbedRows() {
        FastKnn knn = FastKnn.of(rows, targets, K, FastKnn.Combination.MEAN);
        int[] indices = new int[K];
        double[] distances = new double[K];
        for (double[] query : queries()) {
            List<double[]> sorted = bruteForce(query);

            assertThat(knn.neighbours(query, indices, distances)).isEqualTo(K);
            double sum = 0;
            for (int i = 0; i < K; i++) {
                assertThat(indices[i]).isEqualTo((int) sorted.get(i)[1]);
                assertThat(distances[i]).isEqualTo(sorted.get(i)[0]);
                sum += targets[indices[i]];
            }
            assertThat(knn.predict(query)).isEqualTo(sum / K);
        }
    }

    @Test
    void fromTribuoPredictsExactlyWhatKnnModelPredicts() {
        FastKnn knn = TribuoCompiler.knn(models.knn, FastKnn.Combination.TRIBUO_4_3_AVERAGING_COMBINER);

        assertThat(knn.k()).isEqualTo(K);
        assertThat(knn.size()).isEqualTo(rows.length);
        assertThat(knn.combination()).isEqualTo(FastKnn.Combination.TRIBUO_4_3_AVERAGING_COMBINER);
        for (double[] query : queries()) {
            double tribuo = models.knn.predict(H100Fixture.example(query, 0)).getOutput().getValues()[0];
            assertThat(knn.predict(TribuoFeatures.toArray(H100Fixture.example(query, 0),
                    models.knn.getFeatureIDMap(), 0.0))).isEqualTo(tribuo);
        }
    }

    @Test
    void tribuo432AveragingCombinerReturnsTheKthNeighbourNotTheMean() {
        // Documents a Tribuo 4.3.2 defect that matters to anyone training "knn" with AveragingCombiner:
        // the unweighted combine() sets mean += (value - mean), i.e. mean = the last (k-th nearest) value
        // (up to the rounding of that update, which FastKnn replicates).
        FastKnn mean = FastKnn.of(rows, targets, K, FastKnn.Combination.MEAN);
        int[] indices = new int[K];
        double[] distances = new double[K];
        int differing = 0;
        for (double[] query : rows) {
            mean.neighbours(query, indices, distances);
            double tribuo = models.knn.predict(H100Fixture.example(query, 0)).getOutput().getValues()[0];
            assertThat(tribuo).isCloseTo(targets[indices[K - 1]], org.assertj.core.data.Offset.offset(1e-12));
            if (tribuo != mean.predict(query)) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(rows.length / 2);
    }

    @Test
    void meanEqualsTribuoKnnWithAMeanCombiner() {
        @SuppressWarnings("unchecked")
        KNNModel<Regressor> tribuoMean = (KNNModel<Regressor>) new KNNTrainer<>(K, new L2Distance(), 1,
                new MeanCombiner(), KNNModel.Backend.THREADPOOL, NeighboursQueryFactoryType.BRUTE_FORCE)
                .train(models.data.dataset(rows));
        FastKnn knn = FastKnn.of(rows, targets, K, FastKnn.Combination.MEAN);

        for (double[] query : queries()) {
            assertThat(knn.predict(query))
                    .isEqualTo(tribuoMean.predict(H100Fixture.example(query, 0)).getOutput().getValues()[0]);
        }
    }

    @Test
    void capsKAtTheNumberOfRowsAndValidatesInput() {
        FastKnn knn = FastKnn.of(new double[][] {{0, 0}, {3, 4}}, new double[] {1, 3}, 5, FastKnn.Combination.MEAN);

        assertThat(knn.k()).isEqualTo(2);
        assertThat(knn.predict(new double[] {0, 0})).isEqualTo(2.0);
        assertThatThrownBy(() -> knn.predict(new double[3])).hasMessageContaining("query: length 3");
        assertThatThrownBy(() -> FastKnn.of(new double[][] {{1}}, new double[] {1}, 0, FastKnn.Combination.MEAN))
                .hasMessageContaining("k: count 0 must be within [1, ");
        assertThatThrownBy(() -> FastKnn.of(new double[][] {{1}, {1, 2}}, new double[] {1, 2}, 1,
                FastKnn.Combination.MEAN)).hasMessageContaining("vectors[1]: length 2");
    }

    /** Every training row (exact self-matches and duplicates: ties) plus 500 perturbed rows. */
    private List<double[]> queries() {
        List<double[]> queries = new ArrayList<>(List.of(rows));
        Random random = new Random(21);
        for (int i = 0; i < 500; i++) {
            double[] q = rows[random.nextInt(rows.length)].clone();
            for (int j = 0; j < q.length; j++) {
                q[j] += random.nextGaussian() * 0.3;
            }
            queries.add(q);
        }
        return queries;
    }

    /** Tribuo's distance, stable sort by distance (ties keep row order): pairs of (distance, row). */
    private List<double[]> bruteForce(double[] query) {
        L2Distance l2 = new L2Distance();
        DenseVector q = DenseVector.createDenseVector(query);
        List<double[]> all = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            all.add(new double[] {l2.computeDistance(DenseVector.createDenseVector(rows[i]), q), i});
        }
        all.sort(Comparator.comparingDouble(a -> a[0]));
        return all;
    }

    /** A correct arithmetic mean, to compare with Tribuo's neighbour selection. */
    private static final class MeanCombiner implements EnsembleCombiner<Regressor> {
        @Override
        public Prediction<Regressor> combine(ImmutableOutputInfo<Regressor> info, List<Prediction<Regressor>> predictions) {
            double sum = 0;
            for (Prediction<Regressor> p : predictions) {
                sum += p.getOutput().getValues()[0];
            }
            return new Prediction<>(new Regressor("ln_time_s", sum / predictions.size()),
                    predictions.get(0).getNumActiveFeatures(), predictions.get(0).getExample());
        }

        @Override
        public Prediction<Regressor> combine(ImmutableOutputInfo<Regressor> info, List<Prediction<Regressor>> predictions,
                float[] weights) {
            return combine(info, predictions);
        }

        @Override
        public Class<Regressor> getTypeWitness() {
            return Regressor.class;
        }

        @Override
        public EnsembleCombinerProto serialize() {
            throw new UnsupportedOperationException("test combiner");
        }

        @Override
        public ConfiguredObjectProvenance getProvenance() {
            return new ConfiguredObjectProvenanceImpl(this, "EnsembleCombiner");
        }
    }
}
