package io.github.runtimeestimator.core;

import io.github.runtimeestimator.core.spi.EstimatorProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Predicts how long a workload takes on its hardware, with bounds.
 *
 * <p>Implementations are immutable and safe to share between threads: load one at start-up and call
 * {@link #predict(WorkloadSpec)} from every scheduler thread.
 */
public interface RuntimeEstimator {

    /**
     * Estimates the runtime of {@code spec}: one inference batch, one training step, one epoch or a whole
     * training job, according to {@code spec.job().phase()}.
     *
     * @param spec the workload, with its hardware
     * @return the estimate, with its bounds
     * @throws SpecValidationException when the spec lacks what this estimator needs (hardware, say)
     */
    Estimate predict(WorkloadSpec spec);

    /**
     * {@link #predict}, with where the step's time goes ({@link Estimate#breakdown()}) when this estimator sums a
     * step's operators (feature set {@code opgraph}); otherwise the plain estimate, whose breakdown is null.
     * Slower than {@code predict}: for a person reading one estimate, not for a scheduler's loop.
     *
     * @param spec the workload, with its hardware
     * @return the estimate, with its breakdown when this estimator gives one
     * @throws SpecValidationException when the spec lacks what this estimator needs (hardware, say)
     */
    default Estimate explain(WorkloadSpec spec) {
        return predict(spec);
    }

    /**
     * Estimates many specs; the result is in the order of {@code specs}.
     *
     * @param specs the workloads, each with its hardware
     * @return one estimate per spec, in order
     * @throws SpecValidationException when a spec lacks what this estimator needs
     */
    default List<Estimate> predictAll(List<WorkloadSpec> specs) {
        List<Estimate> out = new ArrayList<>(specs.size());
        for (WorkloadSpec spec : specs) {
            out.add(predict(spec));
        }
        return out;
    }

    /**
     * A short description: trainer, feature set and what it was trained on.
     *
     * @return the description
     */
    default String describe() {
        return getClass().getSimpleName();
    }

    /**
     * Loads an estimator artifact ({@code .rte}) written by runtime-estimator-models.
     *
     * @param artifact the artifact file
     * @return the estimator it holds
     * @throws IOException when the file cannot be read
     * @throws RuntimeEstimatorException (an {@code ArtifactFormatException}) when it is corrupt, is not an
     *                                   artifact, or was written by an incompatible version; its message names the
     *                                   entry and the field
     * @throws IllegalStateException when no estimator implementation is on the classpath
     */
    static RuntimeEstimator load(Path artifact) throws IOException {
        return provider().load(artifact);
    }

    /**
     * The pretrained estimator shipped in the runtime-estimator-models jar.
     *
     * @return the estimator
     * @throws IllegalStateException when no estimator implementation is on the classpath
     */
    static RuntimeEstimator loadDefault() {
        return provider().loadDefault();
    }

    private static EstimatorProvider provider() {
        return ServiceLoader.load(EstimatorProvider.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no estimator available: add io.github.runtimeestimator:runtime-estimator-models to the classpath"));
    }
}
