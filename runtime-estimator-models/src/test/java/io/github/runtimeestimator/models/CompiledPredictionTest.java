package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.models.compiled.FastKnn;
import io.github.runtimeestimator.models.compiled.FeatureOrder;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tribuo.Output;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.protos.KNNModelProto;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.math.protos.TensorProto;
import org.tribuo.regression.Regressor;

/**
 * Estimators predict through compiled evaluators; those answers equal the Tribuo-native path (tree ensembles)
 * or a brute-force k-NN mean (knn), on every row of every shipped dataset, read with MeasurementCsv.
 */
class CompiledPredictionTest {
    private static final double RELATIVE = 1e-9;

    /** Every row of every {@code *.csv} in the shared datasets directory (status and phase regardless). */
    static List<WorkloadSpec> allDatasetWorkloads() {
        try (Stream<Path> files = Files.list(RepositoryFiles.datasets())) {
            List<WorkloadSpec> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                for (Measurement m : TestData.readCsv(file)) {
                    out.add(m.workload());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDefaultEstimatorIsCompiledAndEqualsTheTribuoNativeXGBoostOnEveryRow() {
        TrainedEstimator est = (TrainedEstimator) RuntimeEstimator.loadDefault();
        assertThat(est.regressor().isCompiled()).isTrue();
        assertThat(est.tribuoNative().regressor().isCompiled()).isFalse();

        assertEqualOnEveryRow(est, allDatasetWorkloads());
    }

    @Test
    void cartForestXGBoostAndLinearTrainedHereAreCompiledAndEqualTribuoOnEveryRow() {
        List<Measurement> training = TestData.h100Subsample(3);
        List<WorkloadSpec> rows = allDatasetWorkloads();
        for (TrainerConfig config : List.of(TrainerConfig.of("cart", "physics"),
                TrainerConfig.of("forest", "physics").withHyperParameters(Map.of("trees", "20")),
                TrainerConfig.of("forest", "seed").withHyperParameters(Map.of("trees", "10", "extraTrees", "true")),
                TrainerConfig.of("xgboost", "seed").withHyperParameters(Map.of("trees", "50", "maxDepth", "8")),
                TrainerConfig.of("linear", "physics"), TrainerConfig.of("linear", "seed"))) {
            TrainedEstimator est = EstimatorTrainer.train(config, training);
            assertThat(est.regressor().isCompiled()).as(config.trainer()).isTrue();
            assertEqualOnEveryRow(est, rows);
        }
    }

    @Test
    void knnPredictsTheMeanOfItsKNearestNeighboursByBruteForce() {
        TrainedEstimator est = EstimatorTrainer.train(TrainerConfig.of("knn", "physics"), TestData.h100Subsample(2));
        StepRegressor regressor = est.regressor();
        assertThat(regressor.isCompiled()).isTrue();
        @SuppressWarnings("unchecked")
        KNNModel<Regressor> model = (KNNModel<Regressor>) regressor.model();
        KnnData data = KnnData.of(model);
        FeatureOrder order = FeatureOrder.of(FeatureOrder.namesById(model.getFeatureIDMap()),
                est.featureSet().names());
        double[] means = regressor.standardization().means();
        double[] scales = regressor.standardization().scales();

        int differsFromTribuo = 0;
        List<WorkloadSpec> rows = allDatasetWorkloads();
        for (WorkloadSpec spec : rows) {
            WorkloadSpec step = spec.withJob(spec.job().asSingleStep());
            double[] raw = est.featureSet().extract(step).values();
            double[] z = new double[raw.length];
            for (int j = 0; j < raw.length; j++) {
                z[j] = (raw[j] - means[j]) / scales[j];
            }
            double[] query = new double[order.size()];
            order.reorder(z, query);
            double expected = StepRegressor.decode(Target.LOG_SECONDS, data.bruteForceMean(query), 1.0);

            double actual = est.predictStepSeconds(spec);
            assertThat(actual).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(100 * RELATIVE));
            if (actual != est.tribuoNative().predictStepSeconds(spec)) {
                differsFromTribuo++;
            }
        }
        // the behaviour fix: Tribuo 4.3.2's KNNModel answers the k-th neighbour's target, not the mean
        assertThat(differsFromTribuo).isGreaterThan(rows.size() / 2);
    }

    private static void assertEqualOnEveryRow(TrainedEstimator compiled, List<WorkloadSpec> rows) {
        TrainedEstimator tribuo = compiled.tribuoNative();
        int exact = 0;
        for (WorkloadSpec spec : rows) {
            Estimate c = compiled.predict(spec);
            Estimate t = tribuo.predict(spec);
            assertThat(relative(c.secondsPerStep(), t.secondsPerStep())).as("%s on %s", compiled, spec)
                    .isLessThanOrEqualTo(RELATIVE);
            assertThat(relative(c.seconds(), t.seconds())).as("%s on %s", compiled, spec)
                    .isLessThanOrEqualTo(RELATIVE);
            if (c.equals(t)) {
                exact++;
            }
        }
        assertThat(compiled.predictAll(rows)).hasSize(rows.size());
        // stronger than asked: the compiled evaluators replicate Tribuo's arithmetic, so the answers are identical
        assertThat(exact).as(compiled + ": rows predicted bit for bit equal").isEqualTo(rows.size());
    }

    private static double relative(double a, double b) {
        return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    /** The training vectors and targets of a Tribuo KNNModel, from its protobuf form. */
    private record KnnData(double[][] vectors, double[] targets, int k) {
        static KnnData of(KNNModel<Regressor> model) {
            try {
                KNNModelProto proto = model.serialize().getSerializedData().unpack(KNNModelProto.class);
                int d = model.getFeatureIDMap().size();
                List<TensorProto> vectorProtos = proto.getVectorsList();
                double[][] vectors = new double[vectorProtos.size()][d];
                double[] targets = new double[vectors.length];
                for (int i = 0; i < vectors.length; i++) {
                    for (VectorTuple t : (SGDVector) Tensor.deserialize(vectorProtos.get(i))) {
                        vectors[i][t.index] = t.value;
                    }
                    targets[i] = ((Regressor) Output.deserialize(proto.getOutputs(i))).getValues()[0];
                }
                return new KnnData(vectors, targets, proto.getK());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Distance to every row, stable sort (ties keep training order), mean of the first k targets. */
        double bruteForceMean(double[] query) {
            List<double[]> all = new ArrayList<>();
            for (int i = 0; i < vectors.length; i++) {
                double sum = 0;
                for (int j = 0; j < query.length; j++) {
                    double diff = vectors[i][j] - query[j];
                    sum += diff * diff;
                }
                all.add(new double[] {Math.sqrt(sum), i});
            }
            all.sort(Comparator.comparingDouble(a -> a[0]));
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += targets[(int) all.get(i)[1]];
            }
            return sum / k;
        }
    }

    @Test
    void fastKnnFromTribuoWithMeanHasTheModelsVectors() {
        TrainedEstimator est = EstimatorTrainer.train(TrainerConfig.of("knn", "seed"), TestData.h100Subsample(4));
        @SuppressWarnings("unchecked")
        KNNModel<Regressor> model = (KNNModel<Regressor>) est.regressor().model();
        FastKnn knn = FastKnn.fromTribuo(model, FastKnn.Combination.MEAN);
        KnnData data = KnnData.of(model);
        assertThat(knn.combination()).isEqualTo(FastKnn.Combination.MEAN);
        assertThat(knn.size()).isEqualTo(data.vectors().length);
        for (double[] v : data.vectors()) {
            assertThat(knn.predict(v)).isCloseTo(data.bruteForceMean(v),
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
