/**
 * Internal: not API, may change in any release. Frozen definitions of earlier feature-set and roofline versions,
 * kept only so that estimators trained on them still load and answer as they were trained to.
 */
package io.github.runtimeestimator.features.internal;
