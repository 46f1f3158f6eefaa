/**
 * Internals of the per-operator model, public only so that runtime-estimator-training trains on the same
 * features the model predicts from: the feature extraction per operator family and the base times. Not an API:
 * anything here may change in any release (a change of values bumps
 * {@link io.github.runtimeestimator.models.operators.internal.OperatorFeatures#VERSION}).
 */
package io.github.runtimeestimator.models.operators.internal;
