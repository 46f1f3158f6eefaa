package io.github.runtimeestimator.benchmarks;

import io.github.runtimeestimator.models.internal.compiled.FeatureOrder;
import io.github.runtimeestimator.training.internal.TribuoFeatures;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/** The benchmarked Tribuo models, trained as in the models module's tests. */
final class Models {
    private Models() {
    }

    static TreeModel<Regressor> cart(BenchmarkData data) {
        return new CARTRegressionTrainer(12).train(data.dataset(data.rows));
    }

    @SuppressWarnings("unchecked")
    static WeightedEnsembleModel<Regressor> forest(BenchmarkData data) {
        return (WeightedEnsembleModel<Regressor>) new RandomForestTrainer<>(
                new CARTRegressionTrainer(10, 2f, 0f, 0.6f, new MeanSquaredError(), 7L), new AveragingCombiner(), 40, 11L)
                .train(data.dataset(data.rows));
    }

    /** 300 trees of depth 6, one thread. */
    @SuppressWarnings("unchecked")
    static XGBoostModel<Regressor> xgboost(BenchmarkData data) {
        return (XGBoostModel<Regressor>) new XGBoostRegressionTrainer(
                XGBoostRegressionTrainer.RegressionType.LINEAR, 300, 0.1, 0.0, 6, 1.0, 0.8, 0.8, 1.0, 0.0, 1, true, 13L)
                .train(data.dataset(data.rows));
    }

    /** The same 300-tree XGBoost on arbitrary examples (the physics feature set). */
    @SuppressWarnings("unchecked")
    static XGBoostModel<Regressor> xgboostOn(List<Example<Regressor>> examples) {
        RegressionFactory factory = new RegressionFactory();
        return (XGBoostModel<Regressor>) new XGBoostRegressionTrainer(
                XGBoostRegressionTrainer.RegressionType.LINEAR, 300, 0.1, 0.0, 6, 1.0, 0.8, 0.8, 1.0, 0.0, 1, true, 13L)
                .train(new MutableDataset<>(new ListDataSource<>(examples, factory,
                        new SimpleDataSourceProvenance("physics features", factory))));
    }

    @SuppressWarnings("unchecked")
    static KNNModel<Regressor> knn(BenchmarkData data, double[][] standardized) {
        return (KNNModel<Regressor>) new KNNTrainer<>(5, new L2Distance(), 1, new AveragingCombiner(),
                KNNModel.Backend.THREADPOOL, NeighboursQueryFactoryType.BRUTE_FORCE).train(data.dataset(standardized));
    }

    /** Rows reordered into the model's Tribuo feature-id order. */
    static double[][] modelOrder(Model<Regressor> model, double[][] rows) {
        FeatureOrder order = FeatureOrder.of(TribuoFeatures.namesById(model.getFeatureIDMap()),
                List.of(BenchmarkData.FEATURES));
        double[][] out = new double[rows.length][order.size()];
        for (int i = 0; i < rows.length; i++) {
            order.reorder(rows[i], out[i]);
        }
        return out;
    }
}
