package io.github.runtimeestimator.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.features.FeatureExtractor;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.TrainedEstimator;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.models.internal.compiled.FastKnn;
import io.github.runtimeestimator.models.internal.compiled.FeatureOrder;
import io.github.runtimeestimator.models.internal.CompiledRegressor;
import io.github.runtimeestimator.models.internal.StepRoofline;
import io.github.runtimeestimator.testing.RepositoryFiles;
import io.github.runtimeestimator.training.internal.DefaultEstimatorBuilder;
import io.github.runtimeestimator.training.internal.TribuoCompiler;
import io.github.runtimeestimator.training.internal.TribuoFeatures;
import io.github.runtimeestimator.training.internal.TribuoStepModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * Estimators predict through compiled evaluators; those answers equal the Tribuo model (tree ensembles, linear)
 * or a brute-force k-NN mean (knn), bit for bit, on every row of every shipped dataset. The shipped default is
 * what {@link DefaultEstimatorBuilder} trains from those datasets today, again bit for bit.
 */
class CompiledPredictionTest {

    /** Every row of every {@code *.csv} in the repository's datasets (status and phase regardless). */
    static List<Measurement> allDatasetRows() {
        try (Stream<Path> files = Files.list(RepositoryFiles.datasets())) {
            List<Measurement> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                out.addAll(TestData.readCsv(file));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<WorkloadSpec> allDatasetWorkloads() {
        return allDatasetRows().stream().map(Measurement::workload).toList();
    }

    @Test
    void theShippedDefaultIsWhatTheBuilderTrainsFromTheDatasetsAndItsCompiledFormIsItsXGBoost() throws IOException {
        TrainedEstimator rebuilt = DefaultEstimatorBuilder.build(RepositoryFiles.datasets(),
                new PrintStream(OutputStream.nullOutputStream()));
        TrainedEstimator shipped = (TrainedEstimator) RuntimeEstimator.loadDefault();
        assertThat(shipped.config()).isEqualTo(DefaultEstimatorBuilder.CONFIG);
        assertThat(shipped.resolvedHyperParameters()).isEqualTo(rebuilt.resolvedHyperParameters());
        List<WorkloadSpec> rows = allDatasetWorkloads();
        assertThat(shipped.predictAll(rows)).as("every dataset row, every field, bit for bit")
                .isEqualTo(rebuilt.predictAll(rows));

        EstimatorTrainer.Fitted fitted = EstimatorTrainer.fit(DefaultEstimatorBuilder.CONFIG, shipped.featureSet(),
                allDatasetRows());
        assertCompiledEqualsTribuoOnEveryRow(fitted, shipped.featureSet(), rows);
        for (WorkloadSpec spec : rows) {
            assertThat(shipped.predictStepSeconds(spec)).isEqualTo(fitted.compiled().predictSeconds(
                    features(shipped.featureSet(), spec), 1.0));
        }
    }

    @Test
    void cartForestXGBoostAndLinearTrainedHereEqualTribuoOnEveryRow() {
        List<Measurement> training = TestData.h100Subsample(3);
        List<WorkloadSpec> rows = allDatasetWorkloads();
        for (TrainerConfig config : List.of(TrainerConfig.of("cart", "physics"),
                TrainerConfig.of("forest", "physics").withHyperParameters(Map.of("trees", "20")),
                TrainerConfig.of("forest", "seed").withHyperParameters(Map.of("trees", "10", "extraTrees", "true")),
                TrainerConfig.of("xgboost", "seed").withHyperParameters(Map.of("trees", "50", "maxDepth", "8")),
                TrainerConfig.of("linear", "physics"), TrainerConfig.of("linear", "seed"),
                TrainerConfig.of("xgboost", "physics").withTarget(Target.LOG_RATIO_TO_ROOFLINE))) {
            FeatureExtractor fx = EstimatorTrainer.featureSet(config.featureSet());
            assertCompiledEqualsTribuoOnEveryRow(EstimatorTrainer.fit(config, fx, training), fx, rows);
        }
    }

    private static void assertCompiledEqualsTribuoOnEveryRow(EstimatorTrainer.Fitted fitted, FeatureExtractor fx,
                                                             List<WorkloadSpec> rows) {
        CompiledRegressor compiled = fitted.compiled();
        TribuoStepModel tribuo = fitted.tribuo();
        double[][] features = new double[rows.size()][];
        double[] baselines = new double[rows.size()];
        for (int i = 0; i < features.length; i++) {
            WorkloadSpec step = rows.get(i).withJob(rows.get(i).job().asSingleStep());
            features[i] = features(fx, step);
            baselines[i] = tribuo.target() == Target.LOG_RATIO_TO_ROOFLINE ? StepRoofline.seconds(step) : 1.0;
        }
        double[] expected = tribuo.predictSeconds(features, baselines);
        for (int i = 0; i < features.length; i++) {
            assertThat(compiled.predictSeconds(features[i], baselines[i])).as("%s on row %d", compiled, i)
                    .isEqualTo(expected[i]);
        }
    }

    private static double[] features(FeatureExtractor fx, WorkloadSpec spec) {
        return fx.extract(spec.withJob(spec.job().asSingleStep())).values();
    }

    @Test
    void knnPredictsTheMeanOfItsKNearestNeighboursByBruteForce() {
        TrainerConfig config = TrainerConfig.of("knn", "physics");
        FeatureExtractor fx = EstimatorTrainer.featureSet("physics");
        EstimatorTrainer.Fitted fitted = EstimatorTrainer.fit(config, fx, TestData.h100Subsample(2));
        @SuppressWarnings("unchecked")
        KNNModel<Regressor> model = (KNNModel<Regressor>) fitted.tribuo().model();
        KnnData data = KnnData.of(model);
        FeatureOrder order = FeatureOrder.of(TribuoFeatures.namesById(model.getFeatureIDMap()), fx.names());
        double[] means = fitted.tribuo().standardization().means();
        double[] scales = fitted.tribuo().standardization().scales();

        int differsFromTribuo = 0;
        List<WorkloadSpec> rows = allDatasetWorkloads();
        for (WorkloadSpec spec : rows) {
            double[] raw = features(fx, spec);
            double[] z = new double[raw.length];
            for (int j = 0; j < raw.length; j++) {
                z[j] = (raw[j] - means[j]) / scales[j];
            }
            double[] query = new double[order.size()];
            order.reorder(z, query);
            double expected = Target.LOG_SECONDS.seconds(data.bruteForceMean(query), 1.0);

            double actual = fitted.compiled().predictSeconds(raw, 1.0);
            assertThat(actual).isEqualTo(expected);
            if (actual != fitted.tribuo().predictSeconds(raw, 1.0)) {
                differsFromTribuo++;
            }
        }
        // the behaviour fix: Tribuo 4.3.2's KNNModel answers the k-th neighbour's target, not the mean
        assertThat(differsFromTribuo).isGreaterThan(rows.size() / 2);
    }

    @Test
    void trainingChecksTheCompiledFormOfEveryTrainerAndReturnsAnEstimatorThatPredictsThroughIt() {
        for (String trainer : EstimatorTrainer.trainerNames()) {
            TrainedEstimator est = EstimatorTrainer.train(TrainerConfig.of(trainer, "physics"),
                    TestData.h100Subsample(7), TrainingOptions.defaults().withFolds(2));
            Estimate e = est.predict(TestData.h100().get(3).workload());
            assertThat(e.seconds()).as(trainer).isPositive();
            assertThat(est.stepRegressor().name()).isEqualTo(TrainedEstimator.STEP_REGRESSOR);
        }
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
    void fastKnnCompiledWithTheMeanHasTheModelsVectors() {
        FeatureExtractor fx = EstimatorTrainer.featureSet("seed");
        EstimatorTrainer.Fitted fitted = EstimatorTrainer.fit(TrainerConfig.of("knn", "seed"), fx,
                TestData.h100Subsample(4));
        @SuppressWarnings("unchecked")
        KNNModel<Regressor> model = (KNNModel<Regressor>) fitted.tribuo().model();
        FastKnn knn = TribuoCompiler.knn(model, FastKnn.Combination.MEAN);
        KnnData data = KnnData.of(model);
        assertThat(knn.combination()).isEqualTo(FastKnn.Combination.MEAN);
        assertThat(knn.size()).isEqualTo(data.vectors().length);
        for (double[] v : data.vectors()) {
            assertThat(knn.predict(v)).isCloseTo(data.bruteForceMean(v), org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
