/**
 * From a spec to the numbers a regressor reads: a {@link io.github.runtimeestimator.features.FeatureExtractor}
 * (feature sets by id and version, {@link io.github.runtimeestimator.features.FeatureSets}) writes a
 * {@link io.github.runtimeestimator.features.FeatureVector}; {@link io.github.runtimeestimator.features.Roofline}
 * is a step's roofline time and {@link io.github.runtimeestimator.features.PhysicalBounds} the floor no estimate
 * may beat.
 */
package io.github.runtimeestimator.features;
