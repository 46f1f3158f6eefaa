package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.models.internal.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.internal.compiled.FeatureOrder;
import io.github.runtimeestimator.models.operators.internal.OperatorFeatures;
import java.util.List;
import java.util.Objects;

/**
 * The trained model of one operator family: compiled trees that predict {@code ln(work / base)} from the
 * family's features ({@code docs/operator-model.md}), the launch floors, and what it was trained on. Immutable
 * and thread-safe; pure Java.
 */
public final class FamilyModel {
    private final OperatorFamily family;
    private final CompiledTreeEnsemble trees;
    private final FeatureOrder order;
    private final LaunchFloors floors;
    private final List<String> trainedOn;
    private final int trainingRows;

    private FamilyModel(OperatorFamily family, CompiledTreeEnsemble trees, LaunchFloors floors,
                        List<String> trainedOn, int trainingRows) {
        this.family = Objects.requireNonNull(family, "family");
        this.trees = Objects.requireNonNull(trees, "trees");
        this.order = FeatureOrder.of(trees.featureNames(), OperatorFeatures.names(family));
        this.floors = Objects.requireNonNull(floors, "floors");
        this.trainedOn = List.copyOf(trainedOn);
        this.trainingRows = trainingRows;
    }

    /**
     * A family's model.
     *
     * @param family       the operator family
     * @param trees        trees over features of the family ({@link #featureNames()} of this library's version)
     * @param floors       the launch floors of the devices it was trained on, per device class
     * @param trainedOn    the training devices, as {@code hardware-id/precision}
     * @param trainingRows rows the trees were fitted on
     * @return the model
     * @throws IllegalArgumentException when the trees read a feature the family does not have, or
     *                                  {@code trainingRows < 0}
     */
    public static FamilyModel of(OperatorFamily family, CompiledTreeEnsemble trees, LaunchFloors floors,
                                 List<String> trainedOn, int trainingRows) {
        if (trainingRows < 0) {
            throw new IllegalArgumentException("trainingRows: " + trainingRows + " must be >= 0");
        }
        return new FamilyModel(family, trees, floors, trainedOn, trainingRows);
    }

    /**
     * The operator family it models.
     *
     * @return its family
     */
    public OperatorFamily family() {
        return family;
    }

    /**
     * The compiled efficiency trees; they read {@link CompiledTreeEnsemble#featureNames()}.
     *
     * @return its trees
     */
    public CompiledTreeEnsemble trees() {
        return trees;
    }

    /**
     * Every feature of the family, in the order the feature extraction writes them.
     *
     * @return the feature names
     */
    public List<String> featureNames() {
        return OperatorFeatures.names(family);
    }

    /**
     * The launch floors of the devices it was trained on, per device class.
     *
     * @return its launch floors
     */
    public LaunchFloors floors() {
        return floors;
    }

    /**
     * The devices the model was trained on, as {@code hardware-id/precision}.
     *
     * @return the training devices
     */
    public List<String> trainedOn() {
        return trainedOn;
    }

    /**
     * Rows the efficiency trees were fitted on.
     *
     * @return the training row count, at least 0
     */
    public int trainingRows() {
        return trainingRows;
    }

    /**
     * ln(work / base) for one row of features in the family's order ({@link #featureNames()}).
     *
     * @param familyOrder the feature values, in the family's order
     * @return the predicted ln(work / base)
     */
    public double logWorkOverBase(double[] familyOrder) {
        return logWorkOverBase(familyOrder, new double[order.size()]);
    }

    /** As {@link #logWorkOverBase(double[])}, using {@code scratch} ({@link #inputCount()} long); allocates nothing. */
    double logWorkOverBase(double[] familyOrder, double[] scratch) {
        order.reorder(familyOrder, scratch);
        return trees.predict(scratch);
    }

    /** Features the trees read. */
    int inputCount() {
        return order.size();
    }
}
