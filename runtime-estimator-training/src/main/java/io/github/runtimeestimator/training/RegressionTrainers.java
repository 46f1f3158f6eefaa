package io.github.runtimeestimator.training;

import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.models.TrainerConfig;
import io.github.runtimeestimator.training.internal.HyperParameters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.tribuo.Trainer;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * The trainers by name, each with its documented default hyper-parameters. Features are standardized (mean 0,
 * standard deviation 1, from the training rows) before any of them sees them.
 *
 * <table>
 * <caption>trainers and their hyper-parameters (defaults in brackets)</caption>
 * <tr><th>name</th><th>Tribuo trainer</th><th>hyper-parameters</th></tr>
 * <tr><td>{@code linear}</td><td>elastic net by coordinate descent (a lightly regularised least squares, stable
 *     where features are collinear, as the physics set's are; LARS stopped after two features there)</td>
 *     <td>{@code alpha} [0.001] (penalty weight), {@code l1Ratio} [0.5] (share of it on the L1 norm),
 *     {@code maxIterations} [1000]</td></tr>
 * <tr><td>{@code xgboost}</td><td>XGBoost gradient-boosted trees, squared error, one thread</td>
 *     <td>{@code trees} [300], {@code eta} [0.1], {@code maxDepth} [6], {@code minChildWeight} [1],
 *     {@code subsample} [0.8], {@code featureSubsample} [1.0], {@code lambda} [1.0], {@code alpha} [0.0],
 *     {@code gamma} [0.0], {@code monotone} [false]: when true, the trees are constrained to predict no less
 *     time for more work (non-decreasing in every feature the feature set says grows with the work, blind to
 *     those that vary with it either way; see {@code FeatureExtractor.increasingWithWork()})</td></tr>
 * <tr><td>{@code knn}</td><td>k nearest neighbours (Euclidean on standardized features), mean of the
 *     neighbours' targets</td><td>{@code k} [5]</td></tr>
 * <tr><td>{@code cart}</td><td>one CART regression tree, mean squared error</td>
 *     <td>{@code maxDepth} [12], {@code minChildWeight} [3]</td></tr>
 * <tr><td>{@code forest}</td><td>random forest (bagged CART trees with a random feature subset per split),
 *     or extra trees</td><td>{@code trees} [100], {@code maxDepth} [14], {@code minChildWeight} [2],
 *     {@code featureFraction} [0.6], {@code extraTrees} [false]</td></tr>
 * </table>
 */
public final class RegressionTrainers {
    private static final Map<String, Map<String, String>> DEFAULTS = defaults();

    private RegressionTrainers() {
    }

    private static Map<String, Map<String, String>> defaults() {
        Map<String, Map<String, String>> d = new LinkedHashMap<>();
        d.put("linear", Map.of("alpha", "0.001", "l1Ratio", "0.5", "maxIterations", "1000"));
        d.put("xgboost", Map.of("trees", "300", "eta", "0.1", "maxDepth", "6", "minChildWeight", "1",
                "subsample", "0.8", "featureSubsample", "1.0", "lambda", "1.0", "alpha", "0.0", "gamma", "0.0",
                "monotone", "false"));
        d.put("knn", Map.of("k", "5"));
        d.put("cart", Map.of("maxDepth", "12", "minChildWeight", "3"));
        d.put("forest", Map.of("trees", "100", "maxDepth", "14", "minChildWeight", "2",
                "featureFraction", "0.6", "extraTrees", "false"));
        return d;
    }

    /**
     * The trainer names, in the order the documentation lists them.
     *
     * @return {@code linear}, {@code xgboost}, {@code knn}, {@code cart} and {@code forest}
     */
    public static List<String> names() {
        return List.copyOf(DEFAULTS.keySet());
    }

    /**
     * The default hyper-parameters of {@code trainer}; fails naming the known trainers.
     *
     * @param trainer a trainer name, one of {@link #names()}
     * @return the hyper-parameter names and their default values, as text
     * @throws SpecValidationException when {@code trainer} is not a known trainer
     */
    public static Map<String, String> defaults(String trainer) {
        Map<String, String> d = DEFAULTS.get(trainer);
        if (d == null) {
            throw new SpecValidationException("trainer", trainer, "must be one of " + names());
        }
        return d;
    }

    /**
     * Every hyper-parameter {@code config} trains with: its own values over the trainer's defaults. Validates
     * them, so a bad value fails here, before any data is read.
     */
    static Map<String, String> resolve(TrainerConfig config) {
        HyperParameters hp = HyperParameters.of(config.trainer(), defaults(config.trainer()),
                config.hyperParameters());
        create(config.trainer(), hp, config.seed());
        return hp.resolved();
    }

    /** A fresh Tribuo trainer for {@code config}, seeded with {@code seed}. */
    static Trainer<Regressor> create(TrainerConfig config, long seed) {
        HyperParameters hp = HyperParameters.of(config.trainer(), defaults(config.trainer()),
                config.hyperParameters());
        return create(config.trainer(), hp, seed);
    }

    /** Whether {@code config} asks for trees that predict no less time for more work ({@code monotone=true}). */
    static boolean monotone(TrainerConfig config) {
        HyperParameters hp = HyperParameters.of(config.trainer(), defaults(config.trainer()),
                config.hyperParameters());
        return "xgboost".equals(config.trainer()) && hp.booleanValue("monotone");
    }

    /**
     * A fresh trainer for {@code config} that will see exactly {@code modelFeatures} (named as Tribuo orders them,
     * by name): with {@code monotone=true}, an XGBoost trainer whose trees never decrease in the features of
     * {@code increasing}; otherwise {@link #create(TrainerConfig, long)}.
     */
    static Trainer<Regressor> create(TrainerConfig config, long seed, List<String> modelFeatures,
                                     Set<String> increasing) {
        if (!monotone(config)) {
            return create(config, seed);
        }
        HyperParameters hp = HyperParameters.of(config.trainer(), defaults(config.trainer()),
                config.hyperParameters());
        StringJoiner constraints = new StringJoiner(",", "(", ")");
        modelFeatures.stream().sorted().forEach(f -> constraints.add(increasing.contains(f) ? "1" : "0"));
        // the parameters Tribuo's own constructor sets, plus the constraints (an override map must hold them all)
        Map<String, Object> p = new HashMap<>();
        p.put("objective", "reg:squarederror");
        p.put("booster", "gbtree");
        p.put("tree_method", "auto");
        p.put("eta", hp.doubleValue("eta", 1e-6, 1.0));
        p.put("gamma", hp.doubleValue("gamma", 0, 1e6));
        p.put("max_depth", hp.intValue("maxDepth", 1, 64));
        p.put("min_child_weight", hp.doubleValue("minChildWeight", 0, 1e6));
        p.put("subsample", hp.doubleValue("subsample", 0.01, 1.0));
        p.put("colsample_bytree", hp.doubleValue("featureSubsample", 0.01, 1.0));
        p.put("lambda", hp.doubleValue("lambda", 0, 1e6));
        p.put("alpha", hp.doubleValue("alpha", 0, 1e6));
        p.put("nthread", 1);
        p.put("seed", seed);
        p.put("verbosity", 0);
        p.put("monotone_constraints", constraints.toString());
        return new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR,
                hp.intValue("trees", 1, 100_000), p);
    }

    /** Whether predictions must be made one example at a time to agree with single predictions. */
    static boolean predictsOneByOne(String trainer) {
        // Tribuo's KNN batch path breaks distance ties differently from its single-example path
        return "knn".equals(trainer);
    }

    private static Trainer<Regressor> create(String trainer, HyperParameters hp, long seed) {
        switch (trainer) {
            case "linear":
                return new ElasticNetCDTrainer(hp.doubleValue("alpha", 0, 1e6), hp.doubleValue("l1Ratio", 0, 1),
                        1e-6, hp.intValue("maxIterations", 1, 1_000_000), false, seed);
            case "xgboost":
                hp.booleanValue("monotone"); // validated here; the constrained trainer needs the features first
                return new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR,
                        hp.intValue("trees", 1, 100_000), hp.doubleValue("eta", 1e-6, 1.0),
                        hp.doubleValue("gamma", 0, 1e6), hp.intValue("maxDepth", 1, 64),
                        hp.doubleValue("minChildWeight", 0, 1e6), hp.doubleValue("subsample", 0.01, 1.0),
                        hp.doubleValue("featureSubsample", 0.01, 1.0), hp.doubleValue("lambda", 0, 1e6),
                        hp.doubleValue("alpha", 0, 1e6), 1, true, seed);
            case "knn":
                return new KNNTrainer<>(hp.intValue("k", 1, 1000), new L2Distance(), 1, new AveragingCombiner(),
                        KNNModel.Backend.STREAMS, NeighboursQueryFactoryType.BRUTE_FORCE);
            case "cart":
                return new CARTRegressionTrainer(hp.intValue("maxDepth", 1, 1000),
                        (float) hp.doubleValue("minChildWeight", 0, 1e6), 0.0f, 1.0f, false,
                        new MeanSquaredError(), seed);
            case "forest": {
                int trees = hp.intValue("trees", 1, 10_000);
                boolean extra = hp.booleanValue("extraTrees");
                float fraction = (float) hp.doubleValue("featureFraction", 0.01, extra ? 1.0 : 0.99);
                CARTRegressionTrainer tree = new CARTRegressionTrainer(hp.intValue("maxDepth", 1, 1000),
                        (float) hp.doubleValue("minChildWeight", 0, 1e6), 0.0f, fraction, extra,
                        new MeanSquaredError(), seed);
                return extra ? new ExtraTreesTrainer<>(tree, new AveragingCombiner(), trees, seed)
                        : new RandomForestTrainer<>(tree, new AveragingCombiner(), trees, seed);
            }
            default:
                throw new SpecValidationException("trainer", trainer, "must be one of " + names());
        }
    }
}
