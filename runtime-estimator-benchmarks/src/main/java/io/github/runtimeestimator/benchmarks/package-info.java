/**
 * JMH benchmarks of prediction latency and throughput ({@code docs/performance.md}); not shipped.
 */
package io.github.runtimeestimator.benchmarks;
