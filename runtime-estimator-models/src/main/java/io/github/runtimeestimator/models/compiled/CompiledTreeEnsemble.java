package io.github.runtimeestimator.models.compiled;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.protos.core.WeightedEnsembleModelProto;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;

/**
 * A Tribuo regression tree model compiled into flat primitive arrays and evaluated in pure Java: no native
 * call, no lock and no allocation per prediction. Immutable and safe to share between threads.
 *
 * <h2>Feature order contract</h2>
 * {@link #predict(double[])} takes one value per model feature, indexed by the feature's Tribuo id in the
 * source model's {@link ImmutableFeatureMap} ({@link #featureNames()} lists them in that order; use
 * {@link FeatureOrder} to map another order once). A feature a Tribuo {@code Example} would lack is passed
 * as {@link #absentFeatureValue()}.
 *
 * <h2>Supported models and the rules replicated</h2>
 * <ul>
 *   <li><b>Tribuo CART</b> ({@code CARTRegressionTrainer} / {@code CARTJointRegressionTrainer}, one output
 *       dimension): {@code SplitNode.getNextNode} goes to the greater-than child when
 *       {@code value > splitValue} and to the less-or-equal child otherwise (so NaN goes less-or-equal);
 *       an absent feature reads as 0. The result is the leaf's value, exactly.</li>
 *   <li><b>Random forest / bagging</b> ({@code WeightedEnsembleModel} of such trees with the regression
 *       {@link AveragingCombiner}): the members' leaf values are combined with the combiner's running
 *       weighted mean ({@code mean += (w / sum(w)) * (v - mean)}, in double, member order), exactly.</li>
 *   <li><b>Tribuo XGBoost</b> ({@code XGBoostRegressionTrainer} with a {@code gbtree} booster and an
 *       identity-link objective such as {@code reg:squarederror}): Tribuo hands every feature present in
 *       the Example to xgboost as a float (zeros included: they are values, not missing), so a value is
 *       cast to float; a NaN is missing and follows the node's default direction; otherwise
 *       {@code x < split_condition} goes to the left ("yes") child. The prediction starts at the booster's
 *       {@code base_score} and adds each tree's leaf in tree order in float arithmetic, as xgboost's CPU
 *       predictor does; Tribuo then widens that float to double. The result equals Tribuo's exactly.</li>
 * </ul>
 * Anything else (more than one output dimension, another combiner, dart or linear boosters, objectives
 * with a link function, categorical splits) is refused at compile time with an
 * {@link IllegalArgumentException} naming the reason.
 */
public final class CompiledTreeEnsemble {
    /** Which arithmetic the arrays are evaluated with. */
    public enum Kind {
        /** One Tribuo CART tree. */
        TRIBUO_TREE,
        /** A Tribuo averaging ensemble of CART trees (random forest, bagging). */
        TRIBUO_AVERAGED_TREES,
        /** A Tribuo XGBoost booster. */
        XGBOOST
    }

    // Exact decimals, so that each float32 written by xgboost is parsed straight to the same float.
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Set<String> IDENTITY_OBJECTIVES =
            Set.of("reg:squarederror", "reg:linear", "reg:pseudohubererror", "reg:squaredlogerror",
                    "reg:absoluteerror");

    private final Kind kind;
    private final List<String> featureNames;
    private final int[] roots;
    private final int[] feature;
    private final int[] low;
    private final int[] high;
    // TRIBUO_*: thresholds and leaf values in double; XGBOOST: in float, with the missing-value child.
    private final double[] value;
    private final float[] valueFloat;
    private final int[] missing;
    private final float[] memberWeights;
    private final float baseScore;
    // XGBOOST only, when every tree is at most MAX_COMPLETE_DEPTH deep: the trees padded to complete
    // binary trees of depth `depth` in implicit (heap) order, null otherwise. See predictXGBoostComplete.
    private final CompleteForest complete;

    /** Deepest tree that is padded to the implicit complete layout (2^depth leaves per tree). */
    static final int MAX_COMPLETE_DEPTH = 8;

    private CompiledTreeEnsemble(Kind kind, List<String> featureNames, int[] roots, TreeArrays nodes,
            float[] memberWeights, float baseScore) {
        this.kind = kind;
        this.featureNames = List.copyOf(featureNames);
        this.roots = roots.clone();
        int n = nodes.size;
        this.feature = Arrays.copyOf(nodes.feature, n);
        this.low = Arrays.copyOf(nodes.low, n);
        this.high = Arrays.copyOf(nodes.high, n);
        if (kind == Kind.XGBOOST) {
            this.value = null;
            this.valueFloat = new float[n];
            for (int i = 0; i < n; i++) {
                valueFloat[i] = (float) nodes.threshold[i];
            }
            this.missing = Arrays.copyOf(nodes.missing, n);
        } else {
            this.value = Arrays.copyOf(nodes.threshold, n);
            this.valueFloat = null;
            this.missing = null;
        }
        this.memberWeights = memberWeights == null ? null : memberWeights.clone();
        this.baseScore = baseScore;
        this.complete = kind == Kind.XGBOOST ? CompleteForest.of(this.roots, feature, low, high, valueFloat) : null;
    }

    /**
     * Compiles any supported Tribuo regression model (see the class comment).
     *
     * @throws IllegalArgumentException naming why the model cannot be compiled
     */
    @SuppressWarnings("unchecked")
    public static CompiledTreeEnsemble compile(Model<Regressor> model) {
        if (model instanceof TreeModel) {
            return fromTree((TreeModel<Regressor>) model);
        }
        if (model instanceof WeightedEnsembleModel) {
            return fromEnsemble((WeightedEnsembleModel<Regressor>) model);
        }
        if (model instanceof XGBoostModel) {
            return fromXGBoost((XGBoostModel<Regressor>) model);
        }
        throw new IllegalArgumentException("model: " + model.getClass().getName()
                + " cannot be compiled; supported are TreeModel, WeightedEnsembleModel of trees, XGBoostModel");
    }

    /** Compiles one Tribuo CART regression tree. */
    public static CompiledTreeEnsemble fromTree(TreeModel<Regressor> tree) {
        requireOneOutput(tree);
        TreeArrays nodes = new TreeArrays();
        List<String> names = FeatureOrder.namesById(tree.getFeatureIDMap());
        int root = addTribuoTree(nodes, rootOf(tree), identityIds(names.size()));
        return new CompiledTreeEnsemble(Kind.TRIBUO_TREE, names, new int[] {root}, nodes, null, 0f);
    }

    /** Compiles a Tribuo averaging ensemble (random forest, bagging) of CART regression trees. */
    public static CompiledTreeEnsemble fromEnsemble(WeightedEnsembleModel<Regressor> ensemble) {
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
        List<String> names = FeatureOrder.namesById(ensembleMap);
        TreeArrays nodes = new TreeArrays();
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
            roots[m] = addTribuoTree(nodes, rootOf((TreeModel<Regressor>) member), toEnsembleId);
            weights[m] = proto.getWeights(m);
        }
        return new CompiledTreeEnsemble(Kind.TRIBUO_AVERAGED_TREES, names, roots, nodes, weights, 0f);
    }

    /** Compiles a Tribuo XGBoost regression model with one output dimension. */
    public static CompiledTreeEnsemble fromXGBoost(XGBoostModel<Regressor> model) {
        requireOneOutput(model);
        List<Booster> boosters = model.getInnerModels();
        if (boosters.size() != 1) {
            throw new IllegalArgumentException("model: " + boosters.size() + " boosters; only one output dimension is supported");
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
        TreeArrays nodes = new TreeArrays();
        int[] roots = new int[trees.size()];
        for (int t = 0; t < trees.size(); t++) {
            roots[t] = addXGBoostTree(nodes, trees.get(t), t, numFeatures);
        }
        return new CompiledTreeEnsemble(Kind.XGBOOST, FeatureOrder.namesById(model.getFeatureIDMap()), roots,
                nodes, null, baseScore);
    }

    /**
     * Predicts one row. {@code features[i]} is the value of the feature with Tribuo id {@code i}; see the
     * class comment for absent values. Allocates nothing; safe to call from many threads.
     */
    public double predict(double[] features) {
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException("features: length " + features.length + " but the model has "
                    + featureNames.size() + " features " + featureNames);
        }
        switch (kind) {
            case XGBOOST:
                return predictXGBoost(features);
            case TRIBUO_TREE:
                return value[leafOf(roots[0], features)];
            default:
                return predictAveraged(features);
        }
    }

    /**
     * Predicts many rows: {@code out[r] = predict(rows[r])}. Allocates nothing.
     */
    public void predictBatch(double[][] rows, double[] out) {
        if (out.length < rows.length) {
            throw new IllegalArgumentException("out: length " + out.length + " < " + rows.length + " rows");
        }
        for (int r = 0; r < rows.length; r++) {
            out[r] = predict(rows[r]);
        }
    }

    private int leafOf(int node, double[] x) {
        int[] f = feature;
        double[] v = value;
        int n = node;
        int id;
        while ((id = f[n]) >= 0) {
            n = x[id] > v[n] ? high[n] : low[n];
        }
        return n;
    }

    private double predictAveraged(double[] x) {
        double mean = 0.0;
        double weightSum = 0.0;
        for (int t = 0; t < roots.length; t++) {
            double leaf = value[leafOf(roots[t], x)];
            float weight = memberWeights[t];
            weightSum += weight;
            mean += (weight / weightSum) * (leaf - mean);
        }
        return mean;
    }

    private double predictXGBoost(double[] x) {
        CompleteForest c = complete;
        if (c != null) {
            float sum = c.sumOrNaN(x, baseScore);
            if (sum == sum) {
                return sum;
            }
            // a NaN (missing) input value needs the default directions: the node-by-node path below
        }
        return predictXGBoostNodes(x);
    }

    /** The node-by-node traversal (also the reference the complete layout is tested against). */
    double predictXGBoostNodes(double[] x) {
        int[] f = feature;
        float[] v = valueFloat;
        float sum = baseScore;
        for (int t = 0; t < roots.length; t++) {
            int n = roots[t];
            int id;
            while ((id = f[n]) >= 0) {
                double raw = x[id];
                if (raw != raw) {
                    n = missing[n];
                } else {
                    n = (float) raw < v[n] ? low[n] : high[n];
                }
            }
            sum += v[n];
        }
        return sum;
    }

    /** Whether XGBoost trees are evaluated in the implicit complete-tree layout (depth at most 8, no NaN input). */
    public boolean usesCompleteLayout() {
        return complete != null;
    }

    /** What the model was compiled from. */
    public Kind kind() {
        return kind;
    }

    /** Feature names by Tribuo id: the order {@link #predict} expects. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The value to pass for a feature absent from a Tribuo Example: 0 for Tribuo trees, NaN (missing) for XGBoost. */
    public double absentFeatureValue() {
        return kind == Kind.XGBOOST ? Double.NaN : 0.0;
    }

    /** Number of trees. */
    public int treeCount() {
        return roots.length;
    }

    /** Number of nodes over all trees. */
    public int nodeCount() {
        return feature.length;
    }

    @Override
    public String toString() {
        return "CompiledTreeEnsemble[" + kind + ", trees=" + roots.length + ", nodes=" + feature.length
                + ", features=" + featureNames.size() + "]";
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

    private static int addTribuoTree(TreeArrays nodes, Node<Regressor> node, int[] toFeatureIndex) {
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

    private static int addXGBoostTree(TreeArrays nodes, JsonNode tree, int treeIndex, int numFeatures) {
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
