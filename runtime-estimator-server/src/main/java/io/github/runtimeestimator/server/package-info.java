/**
 * The HTTP service: {@link io.github.runtimeestimator.server.EstimatorServer} answers estimate and plan requests
 * with the same JSON as the library and the CLI ({@code docs/service.md}, {@code /openapi.json}).
 */
package io.github.runtimeestimator.server;
