/**
 * Runnable examples of the library (a scheduler that plans with the shipped estimator); not shipped.
 */
package io.github.runtimeestimator.examples;
