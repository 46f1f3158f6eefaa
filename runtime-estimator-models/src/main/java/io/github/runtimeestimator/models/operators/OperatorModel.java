package io.github.runtimeestimator.models.operators;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.graph.Operator;
import io.github.runtimeestimator.core.graph.OperatorKind;
import io.github.runtimeestimator.models.operators.internal.OperatorFeatures;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The per-operator model: the predicted time of an operator on a device at a precision is its launch floor
 * plus its base time (roofline, wave-quantised for products, issue-bound for vector kernels) over an efficiency
 * learned per operator family from the operator's shape and the device's datasheet figures
 * ({@code docs/operator-model.md}). Pure Java: compiled trees, no Tribuo. Trained by
 * {@code runtime-estimator-training}'s {@code OperatorModelTrainer}; stored in and read from {@code .rte}
 * artifacts ({@code OperatorModelArtifact}). Immutable and safe to share between threads; each thread keeps a
 * scratch buffer, so that {@link #predict(Operator, HardwareSpec, Precision)} allocates nothing besides the
 * prediction it returns.
 */
public final class OperatorModel {
    private static final OperatorFamily[] FAMILY_OF_KIND = new OperatorFamily[OperatorKind.values().length];

    static {
        for (OperatorKind kind : OperatorKind.values()) {
            FAMILY_OF_KIND[kind.ordinal()] = OperatorFamily.of(kind).orElse(null);
        }
    }

    private final Map<OperatorFamily, FamilyModel> families;
    private final FamilyModel[] byOrdinal = new FamilyModel[OperatorFamily.values().length];
    private final OperatorModelProvenance provenance;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(byOrdinal));

    private OperatorModel(Map<OperatorFamily, FamilyModel> families, OperatorModelProvenance provenance) {
        this.families = Collections.unmodifiableMap(new EnumMap<>(families));
        for (Map.Entry<OperatorFamily, FamilyModel> e : this.families.entrySet()) {
            if (e.getValue().family() != e.getKey()) {
                throw new IllegalArgumentException("families: the " + e.getKey().id() + " entry is a model of "
                        + e.getValue().family().id());
            }
            byOrdinal[e.getKey().ordinal()] = e.getValue();
        }
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * A model of these families.
     *
     * @param families   the model of each family, keyed by its family
     * @param provenance how it was trained and on what data, not null
     * @return the model
     * @throws IllegalArgumentException when there is no family, or a family's entry holds another family's model
     */
    public static OperatorModel of(Map<OperatorFamily, FamilyModel> families, OperatorModelProvenance provenance) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("families: a per-operator model needs at least one family");
        }
        return new OperatorModel(families, provenance);
    }

    /**
     * The families this model predicts.
     *
     * @return its families, unmodifiable
     */
    public Set<OperatorFamily> families() {
        return families.keySet();
    }

    /**
     * The model of one family.
     *
     * @param family the operator family
     * @return its model, or empty when this model does not predict it
     */
    public Optional<FamilyModel> family(OperatorFamily family) {
        return Optional.ofNullable(families.get(family));
    }

    /**
     * How it was trained and on what data.
     *
     * @return its provenance
     */
    public OperatorModelProvenance provenance() {
        return provenance;
    }

    /**
     * Whether this model has a family for the operator's kind.
     *
     * @param operator the operator
     * @return true when {@link #predict(Operator, DeviceFigures)} can predict it
     */
    public boolean supports(Operator operator) {
        OperatorFamily family = FAMILY_OF_KIND[operator.kind().ordinal()];
        return family != null && byOrdinal[family.ordinal()] != null;
    }

    /**
     * The predicted time of one call of {@code operator} (as it runs: batch folded in) on {@code hardware} at
     * {@code precision}, with whether the operator is compute- or memory-bound on it. Allocates nothing but the
     * result when called again with the same hardware and precision on the same thread.
     *
     * @param operator  the operator, batch folded in
     * @param hardware  the device, not null
     * @param precision the precision, not null
     * @return the prediction
     * @throws IllegalArgumentException when the model has no family for the operator's kind
     */
    public OperatorPrediction predict(Operator operator, HardwareSpec hardware, Precision precision) {
        FamilyModel model = model(operator);
        Scratch s = scratch.get();
        if (s.hardware != hardware || s.precision != precision) {
            Objects.requireNonNull(hardware, "hardware");
            Objects.requireNonNull(precision, "precision");
            s.device = DeviceFigures.of(hardware, precision);
            for (int f = 0; f < byOrdinal.length; f++) {
                s.floors[f] = byOrdinal[f] == null ? 0 : byOrdinal[f].floors().seconds(s.device);
            }
            s.hardware = hardware;
            s.precision = precision;
        }
        return predict(operator, model, s.device, s.floors[model.family().ordinal()], s);
    }

    /**
     * As {@link #predict(Operator, HardwareSpec, Precision)}, on a device given by its figures.
     *
     * @param operator the operator, batch folded in
     * @param device   the device's figures at a precision
     * @return the prediction
     * @throws IllegalArgumentException when the model has no family for the operator's kind
     */
    public OperatorPrediction predict(Operator operator, DeviceFigures device) {
        FamilyModel model = model(operator);
        return predict(operator, model, device, model.floors().seconds(device), scratch.get());
    }

    private FamilyModel model(Operator operator) {
        OperatorFamily family = FAMILY_OF_KIND[operator.kind().ordinal()];
        FamilyModel model = family == null ? null : byOrdinal[family.ordinal()];
        if (model == null) {
            throw new IllegalArgumentException("operator: no per-operator model for kind " + operator.kind().id()
                    + "; this model has " + families.keySet().stream().map(OperatorFamily::id).toList());
        }
        return model;
    }

    private static OperatorPrediction predict(Operator operator, FamilyModel model, DeviceFigures device,
                                              double floor, Scratch s) {
        OperatorFamily family = model.family();
        OperatorRoofline roofline = OperatorRoofline.of(operator, device);
        double base = OperatorFeatures.baseSeconds(family, operator, device, roofline);
        s.filler.fill(family, operator, device, roofline, base);
        double work = base * Math.exp(model.logWorkOverBase(s.filler.values(), s.inputs[family.ordinal()]));
        return new OperatorPrediction(family, floor + work, floor, work, base, roofline.seconds(),
                roofline.computeBound());
    }

    /** Per-thread buffers, and the figures of the last device predicted for. */
    private static final class Scratch {
        final OperatorFeatures.Filler filler = new OperatorFeatures.Filler();
        final double[][] inputs;
        final double[] floors;
        HardwareSpec hardware;
        Precision precision;
        DeviceFigures device;

        Scratch(FamilyModel[] models) {
            inputs = new double[models.length][];
            floors = new double[models.length];
            for (int f = 0; f < models.length; f++) {
                inputs[f] = new double[models[f] == null ? 0 : models[f].inputCount()];
            }
        }
    }
}
