package io.github.runtimeestimator.training.internal;

import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.internal.compiled.FeatureOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The compiled evaluators against Tribuo's own predict on every row of the H100 data. Equality is exact
 * (bit for bit), which is stronger than the 1e-9 relative asked for: the compiled code performs the same
 * floating-point operations in the same order (double for Tribuo trees and the averaging combiner; float32
 * thresholds, float32 accumulation from base_score in tree order for xgboost, widened to double as Tribuo
 * does).
 */
class CompiledTreeEnsembleTest {
    private final TrainedModels models = TrainedModels.get();
    private final H100Fixture data = models.data;

    @Test
    void cartTreeEqualsTribuoOnEveryRow() {
        CompiledTreeEnsemble compiled = TribuoCompiler.trees(models.cart);

        assertThat(compiled.kind()).isEqualTo(CompiledTreeEnsemble.Kind.TRIBUO_TREE);
        assertThat(compiled.nodeCount()).isGreaterThan(50);
        assertEqualOnEveryRow(compiled, models.cart);
    }

    @Test
    void randomForestEqualsTribuoOnEveryRow() {
        CompiledTreeEnsemble compiled = TribuoCompiler.trees(models.forest);

        assertThat(compiled.kind()).isEqualTo(CompiledTreeEnsemble.Kind.TRIBUO_AVERAGED_TREES);
        assertThat(compiled.treeCount()).isEqualTo(40);
        assertEqualOnEveryRow(compiled, models.forest);
    }

    @Test
    void xgboostEqualsTribuoOnEveryRowBitForBit() {
        CompiledTreeEnsemble compiled = TribuoCompiler.trees(models.xgboost);

        assertThat(compiled.kind()).isEqualTo(CompiledTreeEnsemble.Kind.XGBOOST);
        assertThat(compiled.treeCount()).isEqualTo(300);
        assertEqualOnEveryRow(compiled, models.xgboost);
    }

    @Test
    void xgboostSendsAbsentFeaturesDownTheDefaultBranchAndZerosAsValues() {
        // Trained on Examples that lack some features, xgboost learns a default direction per split that
        // differs from where 0 goes; a present 0 is a value for xgboost (Tribuo passes it in the CSR matrix).
        Random random = new Random(3);
        List<Example<Regressor>> sparseTraining = new ArrayList<>();
        boolean[][] keeps = new boolean[data.rows.length][];
        for (int r = 0; r < data.rows.length; r++) {
            keeps[r] = randomKeep(random);
            sparseTraining.add(H100Fixture.partialExample(data.rows[r], keeps[r], data.targets[r]));
        }
        RegressionFactory factory = new RegressionFactory();
        @SuppressWarnings("unchecked")
        XGBoostModel<Regressor> sparseModel = (XGBoostModel<Regressor>) new XGBoostRegressionTrainer(
                XGBoostRegressionTrainer.RegressionType.LINEAR, 60, 0.3, 0.0, 6, 1.0, 1.0, 1.0, 1.0, 0.0, 1, true, 17L)
                .train(new MutableDataset<>(new ListDataSource<>(sparseTraining, factory,
                        new SimpleDataSourceProvenance("sparse h100", factory))));
        CompiledTreeEnsemble compiled = TribuoCompiler.trees(sparseModel);
        assertThat(compiled.absentFeatureValue()).isNaN();

        int missingDiffersFromZero = 0;
        for (int r = 0; r < data.rows.length; r++) {
            boolean[] keep = randomKeep(random);
            Example<Regressor> partial = H100Fixture.partialExample(data.rows[r], keep);
            double tribuo = sparseModel.predict(partial).getOutput().getValues()[0];
            double[] x = TribuoFeatures.toArray(partial, sparseModel.getFeatureIDMap(), compiled.absentFeatureValue());

            assertThat(compiled.predict(x)).as("row %d with features %s", r, keptNames(keep)).isEqualTo(tribuo);
            double[] zeros = TribuoFeatures.toArray(partial, sparseModel.getFeatureIDMap(), 0.0);
            if (compiled.predict(zeros) != tribuo) {
                missingDiffersFromZero++;
            }
        }
        assertThat(missingDiffersFromZero).as("rows where an absent feature differs from a 0").isGreaterThan(0);
    }

    @Test
    void tribuoTreesReadAnAbsentFeatureAsZero() {
        for (Model<Regressor> model : List.of(models.cart, models.forest)) {
            CompiledTreeEnsemble compiled = TribuoCompiler.trees(model);
            assertThat(compiled.absentFeatureValue()).isZero();
            Random random = new Random(5);
            for (int r = 0; r < data.rows.length; r++) {
                boolean[] keep = randomKeep(random);
                Example<Regressor> partial = H100Fixture.partialExample(data.rows[r], keep);
                double[] x = TribuoFeatures.toArray(partial, model.getFeatureIDMap(), compiled.absentFeatureValue());

                assertThat(compiled.predict(x)).as("row %d with features %s", r, keptNames(keep))
                        .isEqualTo(model.predict(partial).getOutput().getValues()[0]);
            }
        }
    }

    @Test
    void batchPredictionEqualsSinglePredictions() {
        CompiledTreeEnsemble compiled = TribuoCompiler.trees(models.xgboost);
        double[][] x = modelOrderRows(compiled);
        double[] out = new double[x.length];

        compiled.predictBatch(x, out);

        for (int r = 0; r < x.length; r++) {
            assertThat(out[r]).isEqualTo(compiled.predict(x[r]));
        }
    }

    @Test
    void featureOrderMapsCallerOrderToTribuoIds() {
        CompiledTreeEnsemble compiled = TribuoCompiler.trees(models.cart);
        FeatureOrder order = FeatureOrder.of(compiled.featureNames(), List.of(H100Fixture.FEATURES));
        double[] modelOrder = new double[order.size()];

        order.reorder(data.rows[10], modelOrder);

        assertThat(compiled.featureNames()).isSorted().hasSize(H100Fixture.FEATURES.length);
        assertThat(modelOrder).containsExactly(
                TribuoFeatures.toArray(H100Fixture.example(data.rows[10], 0), models.cart.getFeatureIDMap(), 0.0));
        assertThatThrownBy(() -> FeatureOrder.of(compiled.featureNames(), List.of("batch_size")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sourceNames").hasMessageContaining("is missing");
    }

    @Test
    void refusesWhatItCannotReplicate() {
        assertThatThrownBy(() -> TribuoCompiler.trees(models.knn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KNNModel cannot be compiled");
        CompiledTreeEnsemble compiled = TribuoCompiler.trees(models.cart);
        assertThatThrownBy(() -> compiled.predict(new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 3");
    }

    private void assertEqualOnEveryRow(CompiledTreeEnsemble compiled, Model<Regressor> model) {
        double[][] x = modelOrderRows(compiled);
        for (int r = 0; r < data.rows.length; r++) {
            double tribuo = model.predict(H100Fixture.example(data.rows[r], data.targets[r])).getOutput().getValues()[0];
            assertThat(compiled.predict(x[r])).as("row %d", r).isEqualTo(tribuo);
        }
    }

    private double[][] modelOrderRows(CompiledTreeEnsemble compiled) {
        FeatureOrder order = FeatureOrder.of(compiled.featureNames(), List.of(H100Fixture.FEATURES));
        double[][] x = new double[data.rows.length][order.size()];
        for (int r = 0; r < x.length; r++) {
            order.reorder(data.rows[r], x[r]);
        }
        return x;
    }

    private static boolean[] randomKeep(Random random) {
        boolean[] keep = new boolean[H100Fixture.FEATURES.length];
        keep[0] = true; // at least one feature: Tribuo refuses an Example without any
        for (int i = 1; i < keep.length; i++) {
            keep[i] = random.nextDouble() < 0.7;
        }
        return keep;
    }

    private static List<String> keptNames(boolean[] keep) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                names.add(H100Fixture.FEATURES[i]);
            }
        }
        return names;
    }
}
