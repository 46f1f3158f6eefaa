/**
 * Internal: not API, may change in any release. The service's endpoints, request limits and responses.
 */
package io.github.runtimeestimator.server.internal;
