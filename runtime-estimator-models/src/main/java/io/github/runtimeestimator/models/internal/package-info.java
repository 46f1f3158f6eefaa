/**
 * Internals of runtime-estimator-models, public only so that runtime-estimator-training can build estimators:
 * the artifact reader and writer, the manifest and its rules, the compiled regressor, the service provider.
 * Not an API: anything here may change in any release.
 */
package io.github.runtimeestimator.models.internal;
