/**
 * Fast, allocation-free evaluators compiled once from trained Tribuo models.
 *
 * <p>Schedulers call {@code predict} for every candidate placement. Tribuo's own paths are slow for that
 * (XGBoost builds a native DMatrix per call and its booster is synchronized; KNN sorts every training row
 * per call). The classes here read a trained model once, at load time, into flat primitive arrays and
 * evaluate it in plain Java: no native call, no lock, no allocation per prediction, safe to share between
 * threads.
 *
 * <ul>
 *   <li>{@link io.github.runtimeestimator.models.compiled.CompiledTreeEnsemble}: Tribuo CART regression
 *       trees, averaging ensembles of them (random forest) and Tribuo XGBoost regression models.</li>
 *   <li>{@link io.github.runtimeestimator.models.compiled.FastKnn}: k nearest neighbours by a bounded
 *       max-heap selection with early abandoning, instead of a full sort per call.</li>
 *   <li>{@link io.github.runtimeestimator.models.compiled.FeatureOrder}: the feature order contract
 *       (Tribuo feature ids) and the name to position mapping built once.</li>
 * </ul>
 */
package io.github.runtimeestimator.models.compiled;
