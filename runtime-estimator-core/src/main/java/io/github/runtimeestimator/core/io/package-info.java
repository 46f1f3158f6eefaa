/**
 * Reading and writing the library's files: workload specs and estimates as JSON
 * ({@link io.github.runtimeestimator.core.io.SpecJson}, and {@link io.github.runtimeestimator.core.io.WorkloadJsonModule}
 * for any Jackson {@code ObjectMapper}), schema-v1 measurements as CSV or JSON lines
 * ({@link io.github.runtimeestimator.core.io.MeasurementCsv}, {@link io.github.runtimeestimator.core.io.MeasurementJsonLines})
 * and kernel measurements ({@link io.github.runtimeestimator.core.io.KernelCsv}). Bad rows become
 * {@link io.github.runtimeestimator.core.io.RowRejection}s naming file, line, column, value and rule.
 */
package io.github.runtimeestimator.core.io;
