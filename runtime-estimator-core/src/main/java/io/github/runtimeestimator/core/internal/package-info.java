/**
 * Internal: not API, may change in any release. Validation helpers ({@code Checks}), the configured Jackson
 * mappers, JSON field helpers, atomic file writes and a UTF-8 reader that reports malformed bytes.
 */
package io.github.runtimeestimator.core.internal;
