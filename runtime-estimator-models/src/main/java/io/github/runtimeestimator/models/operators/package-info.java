/**
 * The per-operator model: how long one operator of a graph takes on a device, from its shape and the
 * device's datasheet figures ({@code docs/operator-model.md}). Pure Java: compiled trees, no Tribuo.
 *
 * <ul>
 *   <li>{@link io.github.runtimeestimator.models.operators.OperatorModel#predict} gives an
 *       {@link io.github.runtimeestimator.models.operators.OperatorPrediction}: the launch floor plus the base
 *       time over the learned efficiency, with the roofline and which side of it the operator is on;</li>
 *   <li>one {@link io.github.runtimeestimator.models.operators.FamilyModel} per
 *       {@link io.github.runtimeestimator.models.operators.OperatorFamily}: compiled efficiency trees and
 *       {@link io.github.runtimeestimator.models.operators.LaunchFloors};</li>
 *   <li>{@link io.github.runtimeestimator.models.operators.DeviceFigures} and
 *       {@link io.github.runtimeestimator.models.operators.OperatorRoofline}: what the features read;</li>
 *   <li>{@link io.github.runtimeestimator.models.operators.OperatorModelProvenance} and
 *       {@link io.github.runtimeestimator.models.operators.KernelDataSource}: what it was trained on.</li>
 * </ul>
 *
 * <p>Training (Tribuo, XGBoost) and the leave-one-GPU-out evaluation are in {@code runtime-estimator-training},
 * package {@code io.github.runtimeestimator.training.operators}.
 */
package io.github.runtimeestimator.models.operators;
