package io.github.runtimeestimator.core.spi;

import io.github.runtimeestimator.core.RuntimeEstimator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How {@link RuntimeEstimator#load(Path)} and {@link RuntimeEstimator#loadDefault()} find an implementation
 * without the core depending on one: a module that can read estimator artifacts (runtime-estimator-models)
 * registers an implementation under {@code META-INF/services}. The first one found is used.
 */
public interface EstimatorProvider {

    /**
     * Reads an estimator artifact; fails with a clear message when it is corrupt or incompatible.
     *
     * @param artifact the artifact file ({@code .rte})
     * @return the estimator it holds
     * @throws IOException when the file cannot be read
     */
    RuntimeEstimator load(Path artifact) throws IOException;

    /**
     * The pretrained estimator shipped with the provider.
     *
     * @return the estimator
     */
    RuntimeEstimator loadDefault();
}
