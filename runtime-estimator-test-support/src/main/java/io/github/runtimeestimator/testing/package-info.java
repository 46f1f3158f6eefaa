/**
 * Test fixtures shared by the modules' tests: the repository's files and datasets, and the optional public data
 * beside it (tests that need it skip with a reason when it is absent). Not shipped.
 */
package io.github.runtimeestimator.testing;
