/**
 * The service-provider interface through which {@code RuntimeEstimator.load} and {@code loadDefault} find an
 * implementation ({@link java.util.ServiceLoader}); {@code runtime-estimator-models} provides one. Implement it
 * only to replace the estimator the whole application loads.
 */
package io.github.runtimeestimator.core.spi;
