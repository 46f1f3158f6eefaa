package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.models.internal.compiled.CompiledEvaluator;
import io.github.runtimeestimator.models.internal.compiled.CompiledLinear;
import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.internal.compiled.FastKnn;
import java.util.List;

/**
 * The compiled evaluators as {@link Payload} arrays, one layout per kind (the manifest's {@code evaluator}
 * field). Array names, types and order, exactly:
 *
 * <table>
 * <caption>arrays of each evaluator kind</caption>
 * <tr><th>kind</th><th>arrays</th></tr>
 * <tr><td>{@value #TRIBUO_TREE}</td><td>roots int32[1], feature int32[n], low int32[n], high int32[n],
 *     value float64[n]</td></tr>
 * <tr><td>{@value #TRIBUO_AVERAGED_TREES}</td><td>roots int32[t], weight float32[t], feature int32[n],
 *     low int32[n], high int32[n], value float64[n]</td></tr>
 * <tr><td>{@value #XGBOOST_TREES}</td><td>base_score float32[1], roots int32[t], feature int32[n],
 *     low int32[n], high int32[n], missing int32[n], value float32[n]</td></tr>
 * <tr><td>{@value #KNN}</td><td>k int32[1], combination int32[1] (0 mean, 1 Tribuo 4.3 combiner),
 *     points float64[rows x inputs], targets float64[rows]</td></tr>
 * <tr><td>{@value #LINEAR}</td><td>active int32[a], weight float64[a], neg_mean float64[a],
 *     inv_scale float64[a], y_scale float64[1], y_mean float64[1]</td></tr>
 * </table>
 * Decoding builds the evaluator through its validating factory, so every structural and range rule of
 * {@link io.github.runtimeestimator.models.internal.compiled} applies to what an artifact holds.
 */
final class EvaluatorCodec {
    static final String TRIBUO_TREE = "tribuo_tree";
    static final String TRIBUO_AVERAGED_TREES = "tribuo_averaged_trees";
    static final String XGBOOST_TREES = "xgboost_trees";
    static final String KNN = "knn";
    static final String LINEAR = "linear";
    static final List<String> KINDS = List.of(TRIBUO_TREE, TRIBUO_AVERAGED_TREES, XGBOOST_TREES, KNN, LINEAR);

    private EvaluatorCodec() {
    }

    /** The manifest's name for the kind of {@code evaluator}. */
    static String kindOf(CompiledEvaluator evaluator) {
        if (evaluator instanceof CompiledTreeEnsemble t) {
            switch (t.kind()) {
                case TRIBUO_TREE:
                    return TRIBUO_TREE;
                case TRIBUO_AVERAGED_TREES:
                    return TRIBUO_AVERAGED_TREES;
                default:
                    return XGBOOST_TREES;
            }
        }
        return evaluator instanceof FastKnn ? KNN : LINEAR;
    }

    /** The payload of {@code evaluator}. */
    static byte[] encode(CompiledEvaluator evaluator) {
        Payload.Writer w = new Payload.Writer();
        if (evaluator instanceof CompiledTreeEnsemble t) {
            switch (t.kind()) {
                case TRIBUO_TREE:
                    w.ints("roots", t.roots()).ints("feature", t.nodeFeatures()).ints("low", t.lowChildren())
                            .ints("high", t.highChildren()).doubles("value", t.values());
                    break;
                case TRIBUO_AVERAGED_TREES:
                    w.ints("roots", t.roots()).floats("weight", t.memberWeights())
                            .ints("feature", t.nodeFeatures()).ints("low", t.lowChildren())
                            .ints("high", t.highChildren()).doubles("value", t.values());
                    break;
                default:
                    w.floats("base_score", t.baseScore()).ints("roots", t.roots())
                            .ints("feature", t.nodeFeatures()).ints("low", t.lowChildren())
                            .ints("high", t.highChildren()).ints("missing", t.missingChildren())
                            .floats("value", t.floatValues());
            }
        } else if (evaluator instanceof FastKnn k) {
            w.ints("k", k.k()).ints("combination", k.combination().ordinal()).doubles("points", k.points())
                    .doubles("targets", k.targets());
        } else {
            CompiledLinear l = (CompiledLinear) evaluator;
            w.ints("active", l.active()).doubles("weight", l.weights()).doubles("neg_mean", l.negatedMeans())
                    .doubles("inv_scale", l.inverseScales()).doubles("y_scale", l.outputScale())
                    .doubles("y_mean", l.outputMean());
        }
        return w.toBytes();
    }

    /**
     * The evaluator of kind {@code kind} from the payload {@code bytes[offset, bytes.length)}, reading
     * {@code inputs} (in order).
     *
     * @throws PayloadFormatException                                   when the layout is broken
     * @throws io.github.runtimeestimator.models.internal.compiled.InvalidModelException when the arrays break a rule
     */
    static CompiledEvaluator decode(String kind, byte[] bytes, int offset, List<String> inputs)
            throws PayloadFormatException {
        Payload.Reader r = new Payload.Reader(bytes, offset);
        CompiledEvaluator evaluator;
        switch (kind) {
            case TRIBUO_TREE: {
                r.expectArrays(5);
                int[] roots = r.ints("roots");
                int[] feature = r.ints("feature");
                int[] low = r.ints("low");
                int[] high = r.ints("high");
                double[] value = r.doubles("value");
                r.end();
                evaluator = CompiledTreeEnsemble.tribuoTree(inputs, roots, feature, low, high, value);
                break;
            }
            case TRIBUO_AVERAGED_TREES: {
                r.expectArrays(6);
                int[] roots = r.ints("roots");
                float[] weight = r.floats("weight");
                int[] feature = r.ints("feature");
                int[] low = r.ints("low");
                int[] high = r.ints("high");
                double[] value = r.doubles("value");
                r.end();
                evaluator = CompiledTreeEnsemble.tribuoAveraged(inputs, roots, weight, feature, low, high, value);
                break;
            }
            case XGBOOST_TREES: {
                r.expectArrays(7);
                float baseScore = r.floatScalar("base_score");
                int[] roots = r.ints("roots");
                int[] feature = r.ints("feature");
                int[] low = r.ints("low");
                int[] high = r.ints("high");
                int[] missing = r.ints("missing");
                float[] value = r.floats("value");
                r.end();
                evaluator = CompiledTreeEnsemble.xgboost(inputs, baseScore, roots, feature, low, high, missing, value);
                break;
            }
            case KNN: {
                r.expectArrays(4);
                int k = r.intScalar("k");
                int combination = r.intScalar("combination");
                double[] points = r.doubles("points");
                double[] targets = r.doubles("targets");
                r.end();
                FastKnn.Combination[] combinations = FastKnn.Combination.values();
                if (combination < 0 || combination >= combinations.length) {
                    throw new PayloadFormatException("combination", combination + " is not 0 (mean) or 1"
                            + " (Tribuo 4.3 combiner)");
                }
                evaluator = FastKnn.ofRowMajor(points, targets, inputs.size(), k, combinations[combination]);
                break;
            }
            case LINEAR: {
                r.expectArrays(6);
                int[] active = r.ints("active");
                double[] weight = r.doubles("weight");
                double[] negMean = r.doubles("neg_mean");
                double[] invScale = r.doubles("inv_scale");
                double yScale = r.doubleScalar("y_scale");
                double yMean = r.doubleScalar("y_mean");
                r.end();
                evaluator = CompiledLinear.of(inputs, active, weight, negMean, invScale, yScale, yMean);
                break;
            }
            default:
                throw new PayloadFormatException("evaluator", "kind '" + kind + "' is not one of " + KINDS);
        }
        return evaluator;
    }
}
