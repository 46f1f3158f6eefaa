/**
 * Internal: not API, may change in any release. Fast, allocation-free regression evaluators in pure Java: what an {@code .rte} artifact stores and what
 * every prediction runs.
 *
 * <p>Schedulers call {@code predict} for every candidate placement. Tribuo's own paths are slow for that
 * (XGBoost builds a native DMatrix per call and its booster is synchronized; KNN sorts every training row
 * per call). runtime-estimator-training compiles a trained Tribuo model once into flat primitive arrays;
 * the artifact stores those arrays; the classes here evaluate them in plain Java: no Tribuo, no native
 * library, no lock, no allocation per prediction, safe to share between threads. Every factory validates its
 * arrays ({@link EvaluatorLimits}), so arrays read from an untrusted
 * artifact cannot make a prediction loop, read out of bounds or return NaN on finite inputs.
 *
 * <ul>
 *   <li>{@link CompiledTreeEnsemble}: Tribuo CART regression
 *       trees, averaging ensembles of them (random forest) and Tribuo XGBoost regression models.</li>
 *   <li>{@link FastKnn}: k nearest neighbours by a bounded
 *       max-heap selection with early abandoning, instead of a full sort per call.</li>
 *   <li>{@link CompiledLinear}: sparse linear models (elastic
 *       net).</li>
 *   <li>{@link FeatureOrder}: the feature order contract
 *       (Tribuo feature ids) and the name to position mapping built once.</li>
 * </ul>
 */
package io.github.runtimeestimator.models.internal.compiled;
