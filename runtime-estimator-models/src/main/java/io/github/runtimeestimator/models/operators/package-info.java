/**
 * The per-operator model: how long one operator of a graph takes on a device, from its shape and the
 * device's datasheet figures ({@code docs/operator-model.md}).
 *
 * <ul>
 *   <li>{@link io.github.runtimeestimator.models.operators.OperatorModelTrainer} trains an
 *       {@link io.github.runtimeestimator.models.operators.OperatorModel} from
 *       {@link io.github.runtimeestimator.core.KernelMeasurement}s: per
 *       {@link io.github.runtimeestimator.models.operators.OperatorFamily}, XGBoost trees for the efficiency
 *       and {@link io.github.runtimeestimator.models.operators.LaunchFloors};</li>
 *   <li>{@link io.github.runtimeestimator.models.operators.OperatorModel#predict} gives an
 *       {@link io.github.runtimeestimator.models.operators.OperatorPrediction}: floor plus base time over the
 *       efficiency, with the roofline beside it;</li>
 *   <li>{@link io.github.runtimeestimator.models.operators.OperatorFeatures} is the feature extraction,
 *       {@link io.github.runtimeestimator.models.operators.OperatorRoofline} and
 *       {@link io.github.runtimeestimator.models.operators.DeviceFigures} what it reads;</li>
 *   <li>{@link io.github.runtimeestimator.models.operators.LeaveOneGpuOut} scores the method on GPUs it never
 *       saw, {@link io.github.runtimeestimator.models.operators.OperatorModelExperiment} prints that table.</li>
 * </ul>
 *
 * <p>Kept in its own package so that it can move with the split of this module into predicting and training
 * parts; storing a trained model in the {@code .rte} artifact is not done yet.
 */
package io.github.runtimeestimator.models.operators;
