package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.graph.Operator;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-operator model: the predicted time of an operator on a device at a precision is its launch floor
 * plus its base time (roofline, wave-quantised for products) over an efficiency learned per operator family
 * from the operator's shape and the device's datasheet figures. Trained by {@link OperatorModelTrainer};
 * immutable and safe to share between threads.
 */
public final class OperatorModel {
    private final Map<OperatorFamily, FamilyModel> families;
    private final OperatorTrainingOptions options;

    OperatorModel(Map<OperatorFamily, FamilyModel> families, OperatorTrainingOptions options) {
        this.families = Collections.unmodifiableMap(new EnumMap<>(families));
        this.options = options;
    }

    /** The families this model predicts. */
    public Set<OperatorFamily> families() {
        return families.keySet();
    }

    public Optional<FamilyModel> family(OperatorFamily family) {
        return Optional.ofNullable(families.get(family));
    }

    public OperatorTrainingOptions options() {
        return options;
    }

    /** Whether this model has a family for the operator's kind. */
    public boolean supports(Operator operator) {
        return OperatorFamily.of(operator).map(families::containsKey).orElse(false);
    }

    /**
     * The predicted time of one call of {@code operator} (as it runs: batch folded in) on {@code hardware} at
     * {@code precision}.
     *
     * @throws IllegalArgumentException when the model has no family for the operator's kind
     */
    public OperatorPrediction predict(Operator operator, HardwareSpec hardware, Precision precision) {
        return predict(operator, DeviceFigures.of(hardware, precision));
    }

    public OperatorPrediction predict(Operator operator, DeviceFigures device) {
        OperatorFamily family = OperatorFamily.of(operator).orElse(null);
        FamilyModel model = family == null ? null : families.get(family);
        if (model == null) {
            throw new IllegalArgumentException("operator: no per-operator model for kind " + operator.kind().id()
                    + "; this model has " + families.keySet());
        }
        return model.predict(OperatorFeatures.of(operator, device), device);
    }
}
