package io.github.runtimeestimator.models;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * A fitted Tribuo regressor of one step's time: standardizes the raw features, predicts the target and turns
 * it back into seconds. Immutable; Tribuo models are safe for concurrent prediction.
 */
final class StepRegressor {
    /** Predictions are floored here: a raw-seconds regressor can go negative, an estimate cannot. */
    static final double MIN_SECONDS = 1e-7;
    /** ... and capped here (about 30 years per step): a log-scale regressor far outside its data can overflow. */
    static final double MAX_SECONDS = 1e9;

    static {
        TribuoLogging.quiet();
    }

    private static final String OUTPUT_NAME = "target";
    private static final RegressionFactory FACTORY = new RegressionFactory();

    private final Model<Regressor> model;
    private final Standardization standardization;
    private final Target target;
    private final String[] featureNames;
    private final boolean oneByOne;

    StepRegressor(Model<Regressor> model, Standardization standardization, Target target, List<String> featureNames,
                  boolean oneByOne) {
        this.model = model;
        this.oneByOne = oneByOne;
        this.standardization = standardization;
        this.target = target;
        this.featureNames = featureNames.toArray(new String[0]);
        if (this.featureNames.length != standardization.size()) {
            throw new IllegalArgumentException("standardization has " + standardization.size()
                    + " features, the feature set " + this.featureNames.length);
        }
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
        Prediction<Regressor> p = model.predict(example(rawFeatures));
        return decode(target, p.getOutput().getValues()[0], baselineSeconds);
    }

    /** Predicted seconds of many steps; the same values {@link #predictSeconds(double[], double)} gives one by one. */
    double[] predictSeconds(double[][] rawFeatures, double[] baselineSeconds) {
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
