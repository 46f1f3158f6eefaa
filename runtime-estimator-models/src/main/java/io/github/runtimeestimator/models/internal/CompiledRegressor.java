package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.models.Target;
import io.github.runtimeestimator.models.internal.compiled.CompiledEvaluator;
import io.github.runtimeestimator.models.internal.compiled.CompiledLinear;
import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.internal.compiled.InvalidModelException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One named regressor of an estimator, in pure-Java form: which features of which feature set it reads (its
 * inputs, in model order), how each is standardized, the compiled evaluator, and what its output means
 * ({@link Target}). An artifact stores several of these by name; today's estimators have one, {@code step}.
 * Immutable and thread-safe.
 *
 * <p>Arithmetic, fixed because artifacts and tests rely on it bit for bit: input {@code i} is
 * {@code (x[p(i)] - mean[i]) / scale[i]}, where {@code p(i)} is the input's position in the feature set's vector;
 * the evaluator predicts a value from those; {@link Target#seconds(double, double)} turns it into seconds.
 */
public final class CompiledRegressor {
    /** A regressor's name: lower case letters, digits, '.', '_' and '-', at most 64 characters. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    /** Largest magnitude of a standardization mean and of a scale or its inverse. */
    public static final double MAX_ABS_STANDARDIZATION = 1e30;

    private final String name;
    private final String featureSet;
    private final List<String> inputs;
    private final double[] means;
    private final double[] scales;
    private final Target target;
    private final CompiledEvaluator evaluator;
    private final int[] sourcePosition;

    private CompiledRegressor(String name, String featureSet, List<String> featureSetNames, List<String> inputs,
                              double[] means, double[] scales, Target target, CompiledEvaluator evaluator) {
        this.name = name;
        this.featureSet = featureSet;
        this.inputs = List.copyOf(inputs);
        this.means = means.clone();
        this.scales = scales.clone();
        this.target = target;
        this.evaluator = evaluator;
        this.sourcePosition = new int[this.inputs.size()];
        Map<String, Integer> position = new HashMap<>();
        for (int j = 0; j < featureSetNames.size(); j++) {
            position.putIfAbsent(featureSetNames.get(j), j);
        }
        for (int i = 0; i < sourcePosition.length; i++) {
            Integer p = position.get(this.inputs.get(i));
            if (p == null) {
                throw new InvalidModelException("inputs[" + i + "]", "'" + this.inputs.get(i)
                        + "' is not a feature of feature set " + featureSet);
            }
            sourcePosition[i] = p;
        }
    }

    /**
     * A regressor reading {@code inputs} (distinct names of {@code featureSetNames}, in the evaluator's order)
     * standardized by {@code means} and {@code scales}.
     *
     * @throws InvalidModelException naming the field that breaks a rule (name, inputs, lengths, ranges, an
     *                               evaluator whose dimensions or feature names differ from the inputs)
     */
    public static CompiledRegressor of(String name, String featureSet, List<String> featureSetNames,
                                       List<String> inputs, double[] means, double[] scales, Target target,
                                       CompiledEvaluator evaluator) {
        Objects.requireNonNull(evaluator, "evaluator");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidModelException("name", "'" + name + "' must match " + NAME);
        }
        if (target == null) {
            throw new InvalidModelException("target", "is required");
        }
        if (inputs.isEmpty()) {
            throw new InvalidModelException("inputs", "must not be empty");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!seen.add(inputs.get(i))) {
                throw new InvalidModelException("inputs[" + i + "]", "'" + inputs.get(i) + "' appears twice");
            }
        }
        if (evaluator.dimensions() != inputs.size()) {
            throw new InvalidModelException("evaluator", "reads " + evaluator.dimensions() + " features but there are "
                    + inputs.size() + " inputs");
        }
        List<String> evaluatorNames = evaluator instanceof CompiledTreeEnsemble t ? t.featureNames()
                : evaluator instanceof CompiledLinear l ? l.featureNames() : inputs;
        if (!evaluatorNames.equals(inputs)) {
            throw new InvalidModelException("inputs", "differ from the evaluator's features " + evaluatorNames);
        }
        if (means.length != inputs.size() || scales.length != inputs.size()) {
            throw new InvalidModelException(means.length != inputs.size() ? "standardization.means"
                    : "standardization.scales", "count " + (means.length != inputs.size() ? means.length
                    : scales.length) + " but " + inputs.size() + " inputs");
        }
        for (int i = 0; i < means.length; i++) {
            if (!(Math.abs(means[i]) <= MAX_ABS_STANDARDIZATION)) {
                throw new InvalidModelException("standardization.means[" + i + "]", means[i]
                        + " must be finite with magnitude <= " + MAX_ABS_STANDARDIZATION);
            }
            if (!(scales[i] >= 1 / MAX_ABS_STANDARDIZATION && scales[i] <= MAX_ABS_STANDARDIZATION)) {
                throw new InvalidModelException("standardization.scales[" + i + "]", scales[i] + " must be within ["
                        + 1 / MAX_ABS_STANDARDIZATION + ", " + MAX_ABS_STANDARDIZATION + "]");
            }
        }
        return new CompiledRegressor(name, featureSet, featureSetNames, inputs, means, scales, target, evaluator);
    }

    /**
     * Seconds of one step from the feature set's vector {@code features}, using {@code scratch} (length
     * {@link #inputCount()}, owned by the calling thread) for the standardized inputs. Allocates nothing.
     *
     * @param baselineSeconds the roofline time of the step when the target is a ratio to it, else ignored
     */
    public double predictSeconds(double[] features, double baselineSeconds, double[] scratch) {
        int[] positions = sourcePosition;
        double[] m = means;
        double[] s = scales;
        for (int i = 0; i < positions.length; i++) {
            scratch[i] = (features[positions[i]] - m[i]) / s[i];
        }
        return target.seconds(evaluator.predict(scratch), baselineSeconds);
    }

    /** As {@link #predictSeconds(double[], double, double[])} with a scratch array of its own. */
    public double predictSeconds(double[] features, double baselineSeconds) {
        return predictSeconds(features, baselineSeconds, new double[sourcePosition.length]);
    }

    /** The regressor's name in its artifact ({@code step} for the step-time regressor). */
    public String name() {
        return name;
    }

    /** The id of the feature set its inputs are taken from. */
    public String featureSet() {
        return featureSet;
    }

    /** Its inputs, in the evaluator's order. */
    public List<String> inputs() {
        return inputs;
    }

    /** The number of inputs: the scratch length {@link #predictSeconds(double[], double, double[])} needs. */
    public int inputCount() {
        return inputs.size();
    }

    /** A copy of the mean subtracted from each input. */
    public double[] means() {
        return means.clone();
    }

    /** A copy of the scale each input is divided by. */
    public double[] scales() {
        return scales.clone();
    }

    /** What the evaluator's output means. */
    public Target target() {
        return target;
    }

    /** The compiled evaluator. */
    public CompiledEvaluator evaluator() {
        return evaluator;
    }

    @Override
    public String toString() {
        return "CompiledRegressor[" + name + ", " + inputs.size() + " inputs of " + featureSet + ", " + target + ", "
                + evaluator + "]";
    }
}
