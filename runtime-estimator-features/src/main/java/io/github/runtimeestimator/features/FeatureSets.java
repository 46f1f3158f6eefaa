package io.github.runtimeestimator.features;

import java.util.List;

/** The named feature sets. SKELETON: signatures fixed, bodies to be written by the features work. */
public final class FeatureSets {
    private FeatureSets() {
    }

    /** The study's raw inputs. */
    public static FeatureExtractor seed() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Raw inputs plus physics-informed features. */
    public static FeatureExtractor physics() {
        throw new UnsupportedOperationException("not yet");
    }

    /** A feature set by id; fails naming the known ids. */
    public static FeatureExtractor byId(String id) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The ids of every feature set. */
    public static List<String> ids() {
        return List.of("seed", "physics");
    }
}
