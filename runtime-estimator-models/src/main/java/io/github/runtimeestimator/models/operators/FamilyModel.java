package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.models.compiled.CompiledTreeEnsemble;
import io.github.runtimeestimator.models.compiled.FeatureOrder;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.regression.Regressor;

/**
 * The trained model of one operator family: the efficiency trees (the Tribuo model and its compiled form,
 * which predicts) and the launch floors, with what it was trained on.
 */
public final class FamilyModel {
    private final OperatorFamily family;
    private final Model<Regressor> tribuoModel;
    private final CompiledTreeEnsemble compiled;
    private final FeatureOrder order;
    private final LaunchFloors floors;
    private final List<String> trainedOn;
    private final int trainingRows;

    FamilyModel(OperatorFamily family, Model<Regressor> tribuoModel, LaunchFloors floors, List<String> trainedOn,
                int trainingRows) {
        this.family = family;
        this.tribuoModel = tribuoModel;
        this.compiled = CompiledTreeEnsemble.compile(tribuoModel);
        this.order = FeatureOrder.of(compiled.featureNames(), OperatorFeatures.names(family));
        this.floors = floors;
        this.trainedOn = List.copyOf(trainedOn);
        this.trainingRows = trainingRows;
    }

    public OperatorFamily family() {
        return family;
    }

    /** The Tribuo model the trees were trained as (for storage and provenance). */
    public Model<Regressor> tribuoModel() {
        return tribuoModel;
    }

    public LaunchFloors floors() {
        return floors;
    }

    /** The devices the model was trained on, as {@code hardware-id/precision}. */
    public List<String> trainedOn() {
        return trainedOn;
    }

    /** Rows the efficiency trees were fitted on. */
    public int trainingRows() {
        return trainingRows;
    }

    /** ln(work / base) for one row of features in the family's order. */
    double logWorkOverBase(double[] familyOrder) {
        double[] modelOrder = new double[order.size()];
        order.reorder(familyOrder, modelOrder);
        return compiled.predict(modelOrder);
    }

    OperatorPrediction predict(OperatorFeatures.Row row, DeviceFigures device) {
        double floor = floors.seconds(device);
        double work = row.baseSeconds() * Math.exp(logWorkOverBase(row.values()));
        return new OperatorPrediction(family, floor + work, floor, work, row.baseSeconds(),
                row.roofline().seconds(), row.roofline().computeBound());
    }
}
