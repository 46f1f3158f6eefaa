/**
 * The vocabulary of the library and its one entry point. A {@link io.github.runtimeestimator.core.WorkloadSpec}
 * (a {@link io.github.runtimeestimator.core.ModelSpec}, a {@link io.github.runtimeestimator.core.JobSpec}, a
 * {@link io.github.runtimeestimator.core.Precision} and a {@link io.github.runtimeestimator.core.HardwareSpec}) is
 * what a {@link io.github.runtimeestimator.core.RuntimeEstimator} is asked about, and an
 * {@link io.github.runtimeestimator.core.Estimate} is its answer. Every value type validates when it is built and
 * fails with a {@link io.github.runtimeestimator.core.SpecValidationException} naming the field, the value and the
 * rule; every deliberate failure of the library is a {@link io.github.runtimeestimator.core.RuntimeEstimatorException}.
 *
 * <p>{@link io.github.runtimeestimator.core.RuntimeEstimator#loadDefault()} and
 * {@link io.github.runtimeestimator.core.RuntimeEstimator#load(java.nio.file.Path)} are how an estimator is obtained.
 */
package io.github.runtimeestimator.core;
