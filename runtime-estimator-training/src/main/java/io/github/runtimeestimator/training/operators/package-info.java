/**
 * Training and judging the per-operator model ({@code docs/operator-model.md}):
 * {@link io.github.runtimeestimator.training.operators.OperatorModelTrainer} fits XGBoost efficiency trees and
 * launch floors per operator family from kernel measurements and compiles them into the pure-Java
 * {@link io.github.runtimeestimator.models.operators.OperatorModel};
 * {@link io.github.runtimeestimator.training.operators.LeaveOneGpuOut} scores the method on GPUs it never saw,
 * {@link io.github.runtimeestimator.training.operators.OperatorModelExperiment} prints that table.
 */
package io.github.runtimeestimator.training.operators;
