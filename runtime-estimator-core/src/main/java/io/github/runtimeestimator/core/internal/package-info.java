/**
 * Internal: not API, may change in any release. Validation helpers ({@code Checks}), the configured Jackson
 * mappers, JSON field helpers, atomic file writes, a UTF-8 reader that reports malformed bytes, and the small
 * statistics ({@code Stats}: median, quantile, mean) every module's error figures are computed with.
 */
package io.github.runtimeestimator.core.internal;
