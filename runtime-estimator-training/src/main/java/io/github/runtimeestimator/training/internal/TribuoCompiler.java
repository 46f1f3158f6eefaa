package io.github.runtimeestimator.training.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.runtimeestimator.models.internal.compiled.CompiledEvaluator;
import io.github.runtimeestimator.models.internal.compiled.CompiledLinear;
import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.internal.compiled.FastKnn;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.protos.KNNModelProto;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.math.distance.Distance;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.math.protos.TensorProto;
import org.tribuo.protos.ProtoUtil;
import org.tribuo.protos.core.WeightedEnsembleModelProto;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;
import org.tribuo.regression.slm.SparseLinearModel;

/**
 * Compiles trained Tribuo regression models into the pure-Java evaluators of
 * {@link io.github.runtimeestimator.models.internal.compiled}, which artifacts store and predictions run. Each compiled
 * form predicts what the Tribuo model predicts, bit for bit (k-NN: see {@link FastKnn.Combination}); the rules
 * replicated are described on each evaluator class.
 *
 * <ul>
 *   <li>{@link TreeModel} (CART), {@link WeightedEnsembleModel} of trees with the regression
 *       {@link AveragingCombiner} (random forest, extra trees) and {@link XGBoostModel} (gbtree, identity-link
 *       objective): {@link CompiledTreeEnsemble}. XGBoost's trees, default directions and {@code base_score}
 *       are read from {@code Booster.toByteArray("json")} with exact decimals, so each float32 is parsed to the
 *       same float.</li>
 *   <li>{@link KNNModel} (L2 distance, averaging combiner): {@link FastKnn}, vectors and targets read from the
 *       model's protobuf form.</li>
 *   <li>{@link SparseLinearModel} (elastic net): {@link CompiledLinear}; its private normalisation constants
 *       are read by reflection.</li>
 * </ul>
 * Anything else (more than one output dimension, another combiner or distance, dart or linear boosters,
 * objectives with a link function, categorical splits) is refused with an {@link IllegalArgumentException}
 * naming the reason; there is no fallback to predicting through Tribuo or native code.
 */
public final class TribuoCompiler {
    // Exact decimals, so that each float32 written by xgboost is parsed straight to the same float.
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Set<String> IDENTITY_OBJECTIVES =
            Set.of("reg:squarederror", "reg:linear", "reg:pseudohubererror", "reg:squaredlogerror",
                    "reg:absoluteerror");

    private TribuoCompiler() {
    }

    /**
     * The evaluator of any supported model, k-NN combining with {@code knnCombination}.
     *
     * @throws IllegalArgumentException naming why the model cannot be compiled
     */
    @SuppressWarnings("unchecked")
    public static CompiledEvaluator compile(Model<Regressor> model, FastKnn.Combination knnCombination) {
        if (model instanceof SparseLinearModel) {
            return linear((SparseLinearModel) model);
        }
        if (model instanceof KNNModel) {
            return knn((KNNModel<Regressor>) model, knnCombination);
        }
        return trees(model);
    }

    /** Compiles a tree model: CART, an averaging ensemble of CART trees, or XGBoost. */
    @SuppressWarnings("unchecked")
    public static CompiledTreeEnsemble trees(Model<Regressor> model) {
        if (model instanceof TreeModel) {
            return tree((TreeModel<Regressor>) model);
        }
        if (model instanceof WeightedEnsembleModel) {
            return ensemble((WeightedEnsembleModel<Regressor>) model);
        }
        if (model instanceof XGBoostModel) {
            return xgboost((XGBoostModel<Regressor>) model);
        }
        throw new IllegalArgumentException("model: " + model.getClass().getName()
                + " cannot be compiled; supported are TreeModel, WeightedEnsembleModel of trees, XGBoostModel");
    }

    /** Compiles one Tribuo CART regression tree. */
    public static CompiledTreeEnsemble tree(TreeModel<Regressor> tree) {
        requireOneOutput(tree);
        TreeBuilder nodes = new TreeBuilder();
        List<String> names = TribuoFeatures.namesById(tree.getFeatureIDMap());
        int root = addTribuoTree(nodes, rootOf(tree), identityIds(names.size()));
        return CompiledTreeEnsemble.tribuoTree(names, new int[] {root}, nodes.features(), nodes.lows(),
                nodes.highs(), nodes.values());
    }

    /** Compiles a Tribuo averaging ensemble (random forest, bagging) of CART regression trees. */
    public static CompiledTreeEnsemble ensemble(WeightedEnsembleModel<Regressor> ensemble) {
        requireOneOutput(ensemble);
        WeightedEnsembleModelProto proto;
        try {
            proto = ensemble.serialize().getSerializedData().unpack(WeightedEnsembleModelProto.class);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("ensemble: its protobuf form could not be read to find the weights", e);
        }
        String combiner = proto.getCombiner().getClassName();
        if (!AveragingCombiner.class.getName().equals(combiner)) {
            throw new IllegalArgumentException("ensemble: combiner " + combiner + " is not supported; only "
                    + AveragingCombiner.class.getName());
        }
        List<Model<Regressor>> members = ensemble.getModels();
        if (proto.getWeightsCount() != members.size()) {
            throw new IllegalArgumentException("ensemble: " + proto.getWeightsCount() + " weights for "
                    + members.size() + " members");
        }
        ImmutableFeatureMap ensembleMap = ensemble.getFeatureIDMap();
        List<String> names = TribuoFeatures.namesById(ensembleMap);
        TreeBuilder nodes = new TreeBuilder();
        int[] roots = new int[members.size()];
        float[] weights = new float[members.size()];
        for (int m = 0; m < members.size(); m++) {
            Model<Regressor> member = members.get(m);
            if (!(member instanceof TreeModel)) {
                throw new IllegalArgumentException("ensemble: member " + m + " is a "
                        + member.getClass().getName() + ", not a TreeModel");
            }
            requireOneOutput(member);
            ImmutableFeatureMap memberMap = member.getFeatureIDMap();
            int[] toEnsembleId = new int[memberMap.size()];
            for (int id = 0; id < toEnsembleId.length; id++) {
                toEnsembleId[id] = ensembleMap.getID(memberMap.get(id).getName());
            }
            @SuppressWarnings("unchecked")
            TreeModel<Regressor> tree = (TreeModel<Regressor>) member;
            roots[m] = addTribuoTree(nodes, rootOf(tree), toEnsembleId);
            weights[m] = proto.getWeights(m);
        }
        return CompiledTreeEnsemble.tribuoAveraged(names, roots, weights, nodes.features(), nodes.lows(),
                nodes.highs(), nodes.values());
    }

    /** Compiles a Tribuo XGBoost regression model with one output dimension. */
    public static CompiledTreeEnsemble xgboost(XGBoostModel<Regressor> model) {
        requireOneOutput(model);
        List<Booster> boosters = model.getInnerModels();
        if (boosters.size() != 1) {
            throw new IllegalArgumentException("model: " + boosters.size()
                    + " boosters; only one output dimension is supported");
        }
        JsonNode learner;
        try {
            byte[] json = boosters.get(0).toByteArray("json");
            learner = JSON.readTree(new String(json, StandardCharsets.UTF_8)).path("learner");
        } catch (XGBoostError | IOException e) {
            throw new IllegalArgumentException("model: the booster's JSON form could not be read", e);
        }
        String objective = learner.path("objective").path("name").asText();
        if (!IDENTITY_OBJECTIVES.contains(objective)) {
            throw new IllegalArgumentException("model: objective '" + objective
                    + "' has a link function; only identity objectives are supported " + IDENTITY_OBJECTIVES);
        }
        JsonNode booster = learner.path("gradient_booster");
        if (!"gbtree".equals(booster.path("name").asText())) {
            throw new IllegalArgumentException("model: booster '" + booster.path("name").asText()
                    + "' is not supported; only gbtree");
        }
        float baseScore = Float.parseFloat(learner.path("learner_model_param").path("base_score").asText());
        JsonNode trees = booster.path("model").path("trees");
        int numFeatures = model.getFeatureIDMap().size();
        TreeBuilder nodes = new TreeBuilder();
        int[] roots = new int[trees.size()];
        for (int t = 0; t < trees.size(); t++) {
            roots[t] = addXGBoostTree(nodes, trees.get(t), t, numFeatures);
        }
        return CompiledTreeEnsemble.xgboost(TribuoFeatures.namesById(model.getFeatureIDMap()), baseScore, roots,
                nodes.features(), nodes.lows(), nodes.highs(), nodes.missings(), nodes.floatValues());
    }

    /**
     * Reads a trained Tribuo regression {@code KNNModel} (L2 distance, AveragingCombiner, one output
     * dimension) from its protobuf form; vector positions are Tribuo feature ids. With
     * {@link FastKnn.Combination#TRIBUO_4_3_AVERAGING_COMBINER} it predicts exactly what the model predicts; with
     * {@link FastKnn.Combination#MEAN} the real k-NN mean that Tribuo 4.3.2's combiner was meant to compute.
     */
    public static FastKnn knn(KNNModel<Regressor> model, FastKnn.Combination combination) {
        java.util.Objects.requireNonNull(combination, "combination");
        if (model.getOutputIDInfo().size() != 1) {
            throw new IllegalArgumentException("model: " + model.getOutputIDInfo().size()
                    + " output dimensions; only one is supported");
        }
        KNNModelProto proto;
        try {
            proto = model.serialize().getSerializedData().unpack(KNNModelProto.class);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("model: its protobuf form could not be read", e);
        }
        Distance distance = ProtoUtil.deserialize(proto.getDistance());
        if (!(distance instanceof L2Distance)) {
            throw new IllegalArgumentException("model: distance " + distance + " is not supported; only L2Distance");
        }
        String combiner = proto.getCombiner().getClassName();
        if (!AveragingCombiner.class.getName().equals(combiner)) {
            throw new IllegalArgumentException("model: combiner " + combiner + " is not supported; only "
                    + AveragingCombiner.class.getName());
        }
        int dimensions = model.getFeatureIDMap().size();
        List<TensorProto> vectorProtos = proto.getVectorsList();
        double[] flat = new double[vectorProtos.size() * dimensions];
        double[] targets = new double[vectorProtos.size()];
        for (int i = 0; i < targets.length; i++) {
            SGDVector vector = (SGDVector) Tensor.deserialize(vectorProtos.get(i));
            for (VectorTuple tuple : vector) {
                flat[i * dimensions + tuple.index] = tuple.value;
            }
            targets[i] = ((Regressor) Output.deserialize(proto.getOutputs(i))).getValues()[0];
        }
        return FastKnn.ofRowMajor(flat, targets, dimensions, proto.getK(), combination);
    }

    /**
     * Compiles a one-output {@link SparseLinearModel}.
     *
     * @throws IllegalArgumentException naming why it cannot (more outputs, unreadable fields)
     */
    public static CompiledLinear linear(SparseLinearModel model) {
        if (model.getOutputIDInfo().size() != 1) {
            throw new IllegalArgumentException("model: " + model.getOutputIDInfo().size()
                    + " output dimensions; only one is supported");
        }
        List<String> names = TribuoFeatures.namesById(model.getFeatureIDMap());
        Map<String, SparseVector> weights = model.getWeights();
        SparseVector w = weights.values().iterator().next();
        DenseVector means = (DenseVector) read(model, "featureMeans");
        DenseVector scales = (DenseVector) read(model, "featureVariance");
        boolean bias = (Boolean) read(model, "bias");
        double[] yMeans = (double[]) read(model, "yMean");
        double[] yScales = (double[]) read(model, "yVariance");
        int n = w.numActiveElements();
        int[] active = new int[n];
        double[] weight = new double[n];
        double[] negMean = new double[n];
        double[] invScale = new double[n];
        int k = 0;
        for (VectorTuple t : w) {
            if (t.index > names.size() || (t.index == names.size() && !bias)) {
                throw new IllegalArgumentException("model: weight index " + t.index + " outside the "
                        + names.size() + " features" + (bias ? " and the bias" : ""));
            }
            active[k] = t.index;
            weight[k] = t.value;
            negMean[k] = -means.get(t.index);
            invScale[k] = 1.0 / scales.get(t.index);
            k++;
        }
        return CompiledLinear.of(names, active, weight, negMean, invScale, yScales[0], yMeans[0]);
    }

    private static Object read(SparseLinearModel model, String field) {
        try {
            Field f = SparseLinearModel.class.getDeclaredField(field);
            f.setAccessible(true);
            return f.get(model);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("model: SparseLinearModel." + field
                    + " could not be read (another Tribuo version?)", e);
        }
    }

    private static void requireOneOutput(Model<Regressor> model) {
        int dims = model.getOutputIDInfo().size();
        if (dims != 1) {
            throw new IllegalArgumentException("model: " + dims + " output dimensions; only one is supported");
        }
    }

    private static Node<Regressor> rootOf(TreeModel<Regressor> tree) {
        if (tree instanceof IndependentRegressionTreeModel) {
            Map<String, Node<Regressor>> roots = ((IndependentRegressionTreeModel) tree).getRoots();
            return roots.values().iterator().next();
        }
        Node<Regressor> root = tree.getRoot();
        if (root == null) {
            throw new IllegalArgumentException("tree: " + tree.getClass().getName() + " has no root");
        }
        return root;
    }

    private static int[] identityIds(int size) {
        int[] ids = new int[size];
        for (int i = 0; i < size; i++) {
            ids[i] = i;
        }
        return ids;
    }

    private static int addTribuoTree(TreeBuilder nodes, Node<Regressor> node, int[] toFeatureIndex) {
        if (node.isLeaf()) {
            Regressor output = ((LeafNode<Regressor>) node).getOutput();
            return nodes.add(-1, output.getValues()[0]);
        }
        SplitNode<Regressor> split = (SplitNode<Regressor>) node;
        int featureIndex = toFeatureIndex[split.getFeatureID()];
        if (featureIndex < 0) {
            throw new IllegalArgumentException("tree: splits on a feature unknown to the ensemble's feature map");
        }
        int index = nodes.add(featureIndex, split.splitValue());
        int low = addTribuoTree(nodes, split.getLessThanOrEqual(), toFeatureIndex);
        int high = addTribuoTree(nodes, split.getGreaterThan(), toFeatureIndex);
        nodes.low[index] = low;
        nodes.high[index] = high;
        return index;
    }

    private static int addXGBoostTree(TreeBuilder nodes, JsonNode tree, int treeIndex, int numFeatures) {
        JsonNode left = tree.path("left_children");
        JsonNode right = tree.path("right_children");
        JsonNode splitIndices = tree.path("split_indices");
        JsonNode conditions = tree.path("split_conditions");
        JsonNode defaultLeft = tree.path("default_left");
        JsonNode splitType = tree.path("split_type");
        int size = left.size();
        if (size == 0 || right.size() != size || splitIndices.size() != size || conditions.size() != size
                || defaultLeft.size() != size) {
            throw new IllegalArgumentException("model: xgboost tree " + treeIndex + " has inconsistent node arrays");
        }
        int offset = nodes.size;
        for (int i = 0; i < size; i++) {
            boolean leaf = left.get(i).asInt() == -1;
            int featureIndex = leaf ? -1 : splitIndices.get(i).asInt();
            if (!leaf && (featureIndex < 0 || featureIndex >= numFeatures)) {
                throw new IllegalArgumentException("model: xgboost tree " + treeIndex + " node " + i
                        + " splits on feature " + featureIndex + " outside 0.." + (numFeatures - 1));
            }
            if (!leaf && splitType.size() == size && splitType.get(i).asInt() != 0) {
                throw new IllegalArgumentException("model: xgboost tree " + treeIndex + " node " + i
                        + " is a categorical split; not supported");
            }
            // split_conditions holds the threshold of a split and the value of a leaf, both float32.
            nodes.add(featureIndex, Float.parseFloat(conditions.get(i).decimalValue().toString()));
        }
        for (int i = 0; i < size; i++) {
            if (nodes.feature[offset + i] >= 0) {
                int yes = offset + left.get(i).asInt();
                int no = offset + right.get(i).asInt();
                nodes.low[offset + i] = yes;
                nodes.high[offset + i] = no;
                nodes.missing[offset + i] = defaultLeft.get(i).asInt() != 0 ? yes : no;
            }
        }
        return offset;
    }
}
