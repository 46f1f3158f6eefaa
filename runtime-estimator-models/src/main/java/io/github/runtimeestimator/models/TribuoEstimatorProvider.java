package io.github.runtimeestimator.models;

import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.spi.EstimatorProvider;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Lets {@link RuntimeEstimator#load(Path)} and {@link RuntimeEstimator#loadDefault()} find this module's
 * estimators (registered under {@code META-INF/services}).
 */
public final class TribuoEstimatorProvider implements EstimatorProvider {

    @Override
    public RuntimeEstimator load(Path artifact) throws IOException {
        return EstimatorArtifact.read(artifact);
    }

    @Override
    public RuntimeEstimator loadDefault() {
        return DefaultEstimator.get();
    }
}
