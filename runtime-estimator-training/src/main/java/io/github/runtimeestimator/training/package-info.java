/**
 * Training runtime estimators with Tribuo: {@link io.github.runtimeestimator.training.EstimatorTrainer} fits a
 * trainer by name ({@link io.github.runtimeestimator.training.RegressionTrainers}) and returns a
 * {@link io.github.runtimeestimator.models.TrainedEstimator} that predicts through the compiled, pure-Java form of
 * its model; {@link io.github.runtimeestimator.training.internal.DefaultEstimatorBuilder} rebuilds the shipped default;
 * {@link io.github.runtimeestimator.training.ArtifactConverter} converts format-1 artifacts. Depend on
 * runtime-estimator-models alone to predict: it needs none of this, nor Tribuo.
 */
package io.github.runtimeestimator.training;
