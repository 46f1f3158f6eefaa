package io.github.runtimeestimator.training.internal;

import org.tribuo.MutableDataset;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/** Tribuo models trained once on the H100 data and shared by the tests of this package. */
final class TrainedModels {
    static final int KNN_K = 5;

    final H100Fixture data = H100Fixture.get();
    final MutableDataset<Regressor> dataset = data.dataset();
    final double[][] knnRows = data.standardizedRows();
    final TreeModel<Regressor> cart;
    final WeightedEnsembleModel<Regressor> forest;
    final XGBoostModel<Regressor> xgboost;
    final KNNModel<Regressor> knn;

    private static TrainedModels instance;

    @SuppressWarnings("unchecked")
    private TrainedModels() {
        cart = new CARTRegressionTrainer(12).train(dataset);
        CARTRegressionTrainer forestTree = new CARTRegressionTrainer(10, 2f, 0f, 0.6f, new MeanSquaredError(), 7L);
        forest = (WeightedEnsembleModel<Regressor>) new RandomForestTrainer<>(forestTree, new AveragingCombiner(), 40, 11L)
                .train(dataset);
        // 300 trees of depth 6: eta, gamma, depth, min child weight, subsample, column subsample, lambda,
        // alpha, threads, silent, seed.
        xgboost = (XGBoostModel<Regressor>) new XGBoostRegressionTrainer(
                XGBoostRegressionTrainer.RegressionType.LINEAR, 300, 0.1, 0.0, 6, 1.0, 0.8, 0.8, 1.0, 0.0, 1, true, 13L)
                .train(dataset);
        knn = (KNNModel<Regressor>) new KNNTrainer<>(KNN_K, new L2Distance(), 1, new AveragingCombiner(),
                KNNModel.Backend.THREADPOOL, NeighboursQueryFactoryType.BRUTE_FORCE)
                .train(data.dataset(knnRows));
    }

    static synchronized TrainedModels get() {
        if (instance == null) {
            instance = new TrainedModels();
        }
        return instance;
    }
}
