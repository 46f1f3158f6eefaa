/**
 * A model as its operators: one record per operator kind (matmul, attention, convolution, normalization,
 * elementwise, ...) with its FLOPs and bytes for a batch, an {@link io.github.runtimeestimator.core.graph.OperatorGraph}
 * of them, and the {@link io.github.runtimeestimator.core.graph.TrainingGraph} that derives a training step's
 * backward pass and optimizer update. Graphs come from JSON ({@link io.github.runtimeestimator.core.graph.GraphJson}),
 * from a Hugging Face config ({@link io.github.runtimeestimator.core.graph.HuggingFaceConfig}) or from code
 * ({@link io.github.runtimeestimator.core.graph.CodeDefinedModels}).
 */
package io.github.runtimeestimator.core.graph;
