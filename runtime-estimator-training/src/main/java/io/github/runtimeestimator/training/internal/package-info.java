/**
 * Internals of runtime-estimator-training: compiling Tribuo models into the evaluators of
 * {@code io.github.runtimeestimator.models.internal.compiled}, the Tribuo step model, the check that the two agree, and the
 * fits besides the regressor. Not an API: anything here may change in any release.
 */
package io.github.runtimeestimator.training.internal;
