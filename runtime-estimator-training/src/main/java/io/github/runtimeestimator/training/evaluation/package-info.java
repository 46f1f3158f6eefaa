/**
 * The evaluation harness: held-out splits that hide whole models, families, hardware or runs, metrics overall
 * and per phase, comparison tables of trainer x feature set x target, and permutation importance of spec fields.
 */
package io.github.runtimeestimator.training.evaluation;
