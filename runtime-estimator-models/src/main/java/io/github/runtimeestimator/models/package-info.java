/**
 * Trained estimators, predict-only and pure Java: a {@link io.github.runtimeestimator.models.TrainedEstimator}
 * (what {@code RuntimeEstimator.load} returns for an {@code .rte} artifact; {@code save} writes one) with its
 * {@link io.github.runtimeestimator.models.TrainerConfig}, {@link io.github.runtimeestimator.models.Target},
 * prediction intervals, training domain and provenance. An artifact that cannot be used fails with an
 * {@link io.github.runtimeestimator.models.ArtifactFormatException}. This module has no Tribuo and no native code;
 * training is in {@code runtime-estimator-training}.
 */
package io.github.runtimeestimator.models;
