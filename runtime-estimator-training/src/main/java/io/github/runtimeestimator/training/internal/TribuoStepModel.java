package io.github.runtimeestimator.training.internal;

import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.internal.compiled.CompiledEvaluator;
import io.github.runtimeestimator.models.internal.compiled.FastKnn;
import io.github.runtimeestimator.models.internal.CompiledRegressor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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
 * A fitted Tribuo regressor of one step's time: the raw features standardized, the Tribuo model, the target.
 * It exists during training only: {@link #compile} turns it into the {@link CompiledRegressor} an estimator
 * predicts with and an artifact stores; {@link #predictSeconds(double[], double)} predicts through Tribuo itself
 * (XGBoost through its native booster), the reference the compiled form is checked against.
 */
public final class TribuoStepModel {
    private static final String OUTPUT_NAME = "target";
    private static final RegressionFactory FACTORY = new RegressionFactory();

    private final Model<Regressor> model;
    private final Standardization standardization;
    private final Target target;
    private final String[] featureNames;
    private final boolean oneByOne;

    /**
     * @param model           the trained Tribuo model (its features: some of {@code featureNames})
     * @param standardization of every feature of the feature set, in its order
     * @param target          what the model's output means
     * @param featureNames    the feature set's names, in order
     * @param oneByOne        whether batch predictions must be made one example at a time (Tribuo's k-NN)
     */
    public TribuoStepModel(Model<Regressor> model, Standardization standardization, Target target,
                           List<String> featureNames, boolean oneByOne) {
        this.model = model;
        this.standardization = standardization;
        this.target = target;
        this.featureNames = featureNames.toArray(new String[0]);
        this.oneByOne = oneByOne;
        if (this.featureNames.length != standardization.size()) {
            throw new IllegalArgumentException("standardization has " + standardization.size()
                    + " features, the feature set " + this.featureNames.length);
        }
    }

    /**
     * Fits {@code trainer} on {@code features} (raw, one row per step) and measured {@code secondsPerStep},
     * relative to {@code baselineSeconds} (all 1 unless the target is a ratio to a physical bound). Features
     * constant over the rows are left out.
     */
    public static TribuoStepModel fit(Trainer<Regressor> trainer, Target target, boolean oneByOne,
                                      List<String> featureNames, double[][] features, double[] secondsPerStep,
                                      double[] baselineSeconds) {
        return fit(used -> trainer, target, oneByOne, featureNames, Set.of(), features, secondsPerStep,
                baselineSeconds);
    }

    /**
     * As {@link #fit(Trainer, Target, boolean, List, double[][], double[], double[])}, leaving the features of
     * {@code leftOut} out as well, with a trainer made for the features the model will see ({@code trainerFor}
     * receives their names).
     */
    public static TribuoStepModel fit(Function<List<String>, Trainer<Regressor>> trainerFor, Target target,
                                      boolean oneByOne, List<String> featureNames, Set<String> leftOut,
                                      double[][] features, double[] secondsPerStep, double[] baselineSeconds) {
        Standardization standardization = Standardization.fit(features);
        // features constant over the training rows carry nothing: Tribuo never sees them
        List<Integer> varying = new ArrayList<>();
        for (int j = 0; j < featureNames.size(); j++) {
            if (leftOut.contains(featureNames.get(j))) {
                continue;
            }
            for (double[] row : features) {
                if (row[j] != features[0][j]) {
                    varying.add(j);
                    break;
                }
            }
        }
        if (varying.isEmpty()) {
            throw new SpecValidationException("measurements", features.length + " rows",
                    "every feature is constant over them: nothing to learn from");
        }
        String[] names = new String[varying.size()];
        for (int k = 0; k < names.length; k++) {
            names[k] = featureNames.get(varying.get(k));
        }
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("runtime-estimator measurements", OffsetDateTime.now(), FACTORY),
                FACTORY);
        for (int i = 0; i < features.length; i++) {
            Regressor y = new Regressor(OUTPUT_NAME, target.encode(secondsPerStep[i], baselineSeconds[i]));
            double[] z = standardization.apply(features[i]);
            double[] values = new double[names.length];
            for (int k = 0; k < values.length; k++) {
                values[k] = z[varying.get(k)];
            }
            data.add(new ArrayExample<>(y, names, values));
        }
        Trainer<Regressor> trainer = trainerFor.apply(List.of(names));
        return new TribuoStepModel(trainer.train(data), standardization, target, featureNames, oneByOne);
    }

    /**
     * The pure-Java form of this model, named {@code name}, reading feature set {@code featureSetId}: its inputs
     * are the model's features in Tribuo id order, each standardized as during training; k-NN combines its
     * neighbours with the real mean.
     *
     * @throws IllegalArgumentException when the model has no compiled form
     */
    public CompiledRegressor compile(String name, String featureSetId) {
        CompiledEvaluator evaluator = TribuoCompiler.compile(model, FastKnn.Combination.MEAN);
        List<String> inputs = TribuoFeatures.namesById(model.getFeatureIDMap());
        List<String> all = List.of(featureNames);
        double[] allMeans = standardization.means();
        double[] allScales = standardization.scales();
        double[] means = new double[inputs.size()];
        double[] scales = new double[inputs.size()];
        for (int i = 0; i < means.length; i++) {
            int position = all.indexOf(inputs.get(i));
            if (position < 0) {
                throw new IllegalArgumentException("the model reads feature '" + inputs.get(i)
                        + "', which the feature set " + all + " lacks");
            }
            means[i] = allMeans[position];
            scales[i] = allScales[position];
        }
        return CompiledRegressor.of(name, featureSetId, all, inputs, means, scales, target, evaluator);
    }

    /** Seconds of one step from its raw features, predicted through the Tribuo model. */
    public double predictSeconds(double[] rawFeatures, double baselineSeconds) {
        Prediction<Regressor> p = model.predict(example(rawFeatures));
        return target.seconds(p.getOutput().getValues()[0], baselineSeconds);
    }

    /** Seconds of many steps through the Tribuo model; the values {@link #predictSeconds(double[], double)} gives. */
    public double[] predictSeconds(double[][] rawFeatures, double[] baselineSeconds) {
        double[] out = new double[rawFeatures.length];
        if (rawFeatures.length == 0) {
            return out;
        }
        if (oneByOne) {
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
        for (int i = 0; i < out.length; i++) {
            out[i] = target.seconds(predictions.get(i).getOutput().getValues()[0], baselineSeconds[i]);
        }
        return out;
    }

    private Example<Regressor> example(double[] rawFeatures) {
        return new ArrayExample<>(FACTORY.getUnknownOutput(), featureNames, standardization.apply(rawFeatures));
    }

    /** The Tribuo model. */
    public Model<Regressor> model() {
        return model;
    }

    /** The standardization of every feature of the feature set. */
    public Standardization standardization() {
        return standardization;
    }

    /** What the model's output means. */
    public Target target() {
        return target;
    }
}
