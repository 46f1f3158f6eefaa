package io.github.runtimeestimator.models;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import io.github.runtimeestimator.models.compiled.CompiledLinear;
import io.github.runtimeestimator.models.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.compiled.FastKnn;
import io.github.runtimeestimator.models.compiled.FeatureOrder;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.slm.SparseLinearModel;

/**
 * A fitted Tribuo regressor of one step's time: standardizes the raw features, predicts the target and turns
 * it back into seconds. Immutable and safe for concurrent prediction.
 *
 * <p>The Tribuo model is what is trained and saved; for prediction it is compiled once, when this object is
 * built (after training and on load): tree ensembles (cart, forest, xgboost) into a
 * {@link CompiledTreeEnsemble} (equal to Tribuo's predictions bit for bit), k-NN into a {@link FastKnn} with
 * the real mean of the k neighbours (Tribuo 4.3.2's combiner returns the k-th neighbour's target instead),
 * sparse linear models (elastic net) into a {@link CompiledLinear}. {@link #tribuoNative()} gives the same
 * regressor predicting through Tribuo, for equality tests and benchmark baselines.
 */
final class StepRegressor {
    /** Predictions are floored here: a raw-seconds regressor can go negative, an estimate cannot. */
    static final double MIN_SECONDS = 1e-7;
    /** ... and capped here (about 30 years per step): a log-scale regressor far outside its data can overflow. */
    static final double MAX_SECONDS = 1e9;

    static {
        TribuoLogging.quiet();
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StepRegressor.class);
    private static final String OUTPUT_NAME = "target";
    private static final RegressionFactory FACTORY = new RegressionFactory();

    private final Model<Regressor> model;
    private final Standardization standardization;
    private final Target target;
    private final String[] featureNames;
    private final boolean oneByOne;
    // the compiled evaluator (at most one of the two), or none: predict through Tribuo
    private final CompiledTreeEnsemble trees;
    private final FastKnn knn;
    private final CompiledLinear linear;
    // model order (Tribuo feature id) -> position in the raw feature vector, and that feature's standardization
    private final int[] rawPosition;
    private final double[] modelMeans;
    private final double[] modelScales;

    StepRegressor(Model<Regressor> model, Standardization standardization, Target target, List<String> featureNames,
                  boolean oneByOne) {
        this(model, standardization, target, featureNames, oneByOne, true);
    }

    @SuppressWarnings("unchecked")
    private StepRegressor(Model<Regressor> model, Standardization standardization, Target target,
                          List<String> featureNames, boolean oneByOne, boolean compile) {
        this.model = model;
        this.oneByOne = oneByOne;
        this.standardization = standardization;
        this.target = target;
        this.featureNames = featureNames.toArray(new String[0]);
        if (this.featureNames.length != standardization.size()) {
            throw new IllegalArgumentException("standardization has " + standardization.size()
                    + " features, the feature set " + this.featureNames.length);
        }
        CompiledTreeEnsemble compiledTrees = null;
        FastKnn compiledKnn = null;
        CompiledLinear compiledLinear = null;
        if (compile) {
            try {
                if (model instanceof SparseLinearModel) {
                    compiledLinear = CompiledLinear.compile((SparseLinearModel) model);
                } else if (model instanceof KNNModel) {
                    compiledKnn = FastKnn.fromTribuo((KNNModel<Regressor>) model, FastKnn.Combination.MEAN);
                } else if (model instanceof TreeModel || model instanceof WeightedEnsembleModel
                        || model instanceof XGBoostModel) {
                    compiledTrees = CompiledTreeEnsemble.compile(model);
                } else {
                    LOG.warn("{} has no compiled evaluator: predicting through Tribuo", model.getClass().getName());
                }
            } catch (IllegalArgumentException e) {
                // a model our trainers do not produce (another objective, distance, combiner): still usable
                LOG.warn("{} could not be compiled ({}): predicting through Tribuo", model.getClass().getName(),
                        e.getMessage());
            }
        }
        this.trees = compiledTrees;
        this.knn = compiledKnn;
        this.linear = compiledLinear;
        List<String> modelNames = FeatureOrder.namesById(model.getFeatureIDMap());
        List<String> rawNames = List.of(this.featureNames);
        this.rawPosition = new int[modelNames.size()];
        this.modelMeans = new double[modelNames.size()];
        this.modelScales = new double[modelNames.size()];
        double[] means = standardization.means();
        double[] scales = standardization.scales();
        for (int id = 0; id < rawPosition.length; id++) {
            int position = rawNames.indexOf(modelNames.get(id));
            if (position < 0) {
                throw new IllegalArgumentException("the model reads feature '" + modelNames.get(id)
                        + "', which the feature set " + rawNames + " lacks");
            }
            rawPosition[id] = position;
            modelMeans[id] = means[position];
            modelScales[id] = scales[position];
        }
    }

    /**
     * The same regressor predicting through the Tribuo model itself (XGBoost through its native booster, KNN
     * with Tribuo 4.3.2's combiner): the reference the compiled path is tested and benchmarked against.
     */
    StepRegressor tribuoNative() {
        return new StepRegressor(model, standardization, target, List.of(featureNames), oneByOne, false);
    }

    /** Whether predictions go through a compiled evaluator rather than the Tribuo model. */
    boolean isCompiled() {
        return trees != null || knn != null || linear != null;
    }

    /** Length of the scratch array {@link #predictSeconds(double[], double, double[])} needs. */
    int modelFeatureCount() {
        return rawPosition.length;
    }

    /**
     * Fits {@code trainer} on {@code features} (raw, one row per step) and measured {@code secondsPerStep},
     * relative to {@code baselineSeconds} (all 1 unless the target is a ratio to a physical bound).
     */
    static StepRegressor fit(TrainerConfig config, List<String> featureNames, double[][] features,
                             double[] secondsPerStep, double[] baselineSeconds) {
        Standardization standardization = Standardization.fit(features);
        // features constant over the training rows carry nothing: Tribuo never sees them, and ignores them
        // (as unknown names) at prediction time
        List<Integer> varying = new ArrayList<>();
        for (int j = 0; j < featureNames.size(); j++) {
            for (double[] row : features) {
                if (row[j] != features[0][j]) {
                    varying.add(j);
                    break;
                }
            }
        }
        if (varying.isEmpty()) {
            throw new io.github.runtimeestimator.core.SpecValidationException("measurements",
                    features.length + " rows", "every feature is constant over them: nothing to learn from");
        }
        String[] names = new String[varying.size()];
        for (int k = 0; k < names.length; k++) {
            names[k] = featureNames.get(varying.get(k));
        }
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("runtime-estimator measurements", OffsetDateTime.now(), FACTORY),
                FACTORY);
        for (int i = 0; i < features.length; i++) {
            Regressor y = new Regressor(OUTPUT_NAME, encode(config.target(), secondsPerStep[i], baselineSeconds[i]));
            double[] z = standardization.apply(features[i]);
            double[] values = new double[names.length];
            for (int k = 0; k < values.length; k++) {
                values[k] = z[varying.get(k)];
            }
            data.add(new ArrayExample<>(y, names, values));
        }
        Trainer<Regressor> trainer = RegressionTrainers.create(config, config.seed());
        return new StepRegressor(trainer.train(data), standardization, config.target(), featureNames,
                RegressionTrainers.predictsOneByOne(config.trainer()));
    }

    static double encode(Target target, double seconds, double baselineSeconds) {
        switch (target) {
            case SECONDS:
                return seconds;
            case LOG_SECONDS:
                return Math.log(seconds);
            case LOG_RATIO_TO_ROOFLINE:
                return Math.log(seconds / baselineSeconds);
            default:
                throw new IllegalStateException("unhandled target " + target);
        }
    }

    static double decode(Target target, double value, double baselineSeconds) {
        double seconds;
        switch (target) {
            case SECONDS:
                seconds = value;
                break;
            case LOG_SECONDS:
                seconds = Math.exp(value);
                break;
            case LOG_RATIO_TO_ROOFLINE:
                seconds = baselineSeconds * Math.exp(value);
                break;
            default:
                throw new IllegalStateException("unhandled target " + target);
        }
        if (Double.isNaN(seconds)) {
            throw new IllegalStateException("the " + target + " regressor predicted " + value + ": not a number");
        }
        return Math.min(MAX_SECONDS, Math.max(seconds, MIN_SECONDS));
    }

    /** Predicted seconds of one step from its raw features. */
    double predictSeconds(double[] rawFeatures, double baselineSeconds) {
        return predictSeconds(rawFeatures, baselineSeconds, isCompiled() ? new double[rawPosition.length] : null);
    }

    /**
     * Predicted seconds of one step from its raw features, using {@code scratch} (length
     * {@link #modelFeatureCount()}, owned by the calling thread) for the standardized model-order features.
     * Allocates nothing on the compiled path.
     */
    double predictSeconds(double[] rawFeatures, double baselineSeconds, double[] scratch) {
        if (!isCompiled()) {
            Prediction<Regressor> p = model.predict(example(rawFeatures));
            return decode(target, p.getOutput().getValues()[0], baselineSeconds);
        }
        int[] positions = rawPosition;
        double[] means = modelMeans;
        double[] scales = modelScales;
        for (int id = 0; id < positions.length; id++) {
            // the same arithmetic as Standardization.apply, so the compiled evaluator sees Tribuo's values
            scratch[id] = (rawFeatures[positions[id]] - means[id]) / scales[id];
        }
        double value = trees != null ? trees.predict(scratch)
                : knn != null ? knn.predict(scratch) : linear.predict(scratch);
        return decode(target, value, baselineSeconds);
    }

    /** Predicted seconds of many steps; the same values {@link #predictSeconds(double[], double)} gives one by one. */
    double[] predictSeconds(double[][] rawFeatures, double[] baselineSeconds) {
        if (isCompiled()) {
            double[] scratch = new double[rawPosition.length];
            double[] out = new double[rawFeatures.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = predictSeconds(rawFeatures[i], baselineSeconds[i], scratch);
            }
            return out;
        }
        if (oneByOne) {
            double[] out = new double[rawFeatures.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = predictSeconds(rawFeatures[i], baselineSeconds[i]);
            }
            return out;
        }
        List<Example<Regressor>> examples = new ArrayList<>(rawFeatures.length);
        for (double[] row : rawFeatures) {
            examples.add(example(row));
        }
        List<Prediction<Regressor>> predictions = model.predict(examples);
        double[] out = new double[rawFeatures.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = decode(target, predictions.get(i).getOutput().getValues()[0], baselineSeconds[i]);
        }
        return out;
    }

    private Example<Regressor> example(double[] rawFeatures) {
        return new ArrayExample<>(FACTORY.getUnknownOutput(), featureNames, standardization.apply(rawFeatures));
    }

    Model<Regressor> model() {
        return model;
    }

    Standardization standardization() {
        return standardization;
    }

    Target target() {
        return target;
    }
}
