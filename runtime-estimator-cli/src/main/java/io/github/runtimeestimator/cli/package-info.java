/**
 * The {@code runtime-estimator} command line ({@code docs/cli.md}): a thin shell over the library, with its
 * exit-code policy. Not an API for Java callers: use the library's packages.
 */
package io.github.runtimeestimator.cli;
