package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.models.ArtifactFormatException;
import io.github.runtimeestimator.models.TrainedEstimator;
import java.io.IOException;
import java.io.InputStream;

/**
 * The pretrained estimator shipped in this jar as {@value #RESOURCE}, built by runtime-estimator-training's
 * {@code DefaultEstimatorBuilder} from the project's {@code datasets/*.csv}. Loaded once, on first use, in pure
 * Java (no Tribuo, no native library).
 */
public final class DefaultEstimator {
    /** Classpath location of the shipped artifact. */
    public static final String RESOURCE = "/io/github/runtimeestimator/models/default.rte";

    private DefaultEstimator() {
    }

    private static volatile TrainedEstimator instance;

    /**
     * The shipped estimator.
     *
     * @throws IllegalStateException when the resource is missing from the jar or cannot be read
     */
    public static TrainedEstimator get() {
        TrainedEstimator e = instance;
        if (e == null) {
            synchronized (DefaultEstimator.class) {
                e = instance;
                if (e == null) {
                    e = load();
                    instance = e;
                }
            }
        }
        return e;
    }

    static TrainedEstimator load() {
        return load(RESOURCE);
    }

    public static TrainedEstimator load(String resource) {
        try (InputStream in = DefaultEstimator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the pretrained estimator " + resource + " is missing from the"
                        + " runtime-estimator-models jar; rebuild it with: mvn -B -q -pl runtime-estimator-training"
                        + " -am -Prebuild-default-estimator process-classes");
            }
            return EstimatorArtifact.read(in, "classpath:" + resource);
        } catch (IOException | ArtifactFormatException e) {
            throw new IllegalStateException("the pretrained estimator " + resource + " cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
