package io.github.runtimeestimator.features;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.List;

/**
 * The named feature sets. Each is an immutable, thread-safe singleton whose {@code extractInto} allocates
 * nothing, so one instance serves every prediction.
 */
public final class FeatureSets {
    private static final FeatureExtractor SEED = new SeedFeatures();
    private static final FeatureExtractor PHYSICS = new PhysicsFeatures();
    private static final List<String> IDS = List.of(SeedFeatures.ID, PhysicsFeatures.ID);

    private FeatureSets() {
    }

    /**
     * The study's raw inputs: {@code seed} v1.
     *
     * @return the {@code seed} feature set
     */
    public static FeatureExtractor seed() {
        return SEED;
    }

    /**
     * Roofline (physics-informed) features of one step plus the raw inputs a regressor still needs:
     * {@code physics} v1.
     *
     * @return the {@code physics} feature set
     */
    public static FeatureExtractor physics() {
        return PHYSICS;
    }

    /**
     * A feature set by id (case-sensitive, as stored in artifacts); fails with a {@link SpecValidationException}
     * naming the known ids.
     *
     * @param id the feature-set id ({@code seed}, {@code physics})
     * @return the feature set
     */
    public static FeatureExtractor byId(String id) {
        if (SeedFeatures.ID.equals(id)) {
            return SEED;
        }
        if (PhysicsFeatures.ID.equals(id)) {
            return PHYSICS;
        }
        throw new SpecValidationException("featureSet", id, "is not a known feature set id; known ids are " + IDS);
    }

    /**
     * The ids of every feature set.
     *
     * @return the ids, immutable
     */
    public static List<String> ids() {
        return IDS;
    }
}
