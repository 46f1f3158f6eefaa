package io.github.runtimeestimator.features;

import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import java.util.List;

/**
 * The named feature sets. Each is an immutable, thread-safe singleton whose {@code extractInto} allocates
 * nothing, so one instance serves every prediction.
 */
public final class FeatureSets {
    private static final FeatureExtractor SEED = new SeedFeatures();
    private static final FeatureExtractor PHYSICS = new PhysicsFeatures();
    private static final FeatureExtractor PHYSICS_V2 = new PhysicsFeatures(PhysicsFeatures.VERSION_2,
            ModelCatalog.builtIn());
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
     * {@code physics} v3.
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
     * A feature set by id and version: the current one ({@link #byId(String)}) or an earlier version this library
     * still computes for the estimators trained on it ({@code physics} v2). Fails with a
     * {@link SpecValidationException} naming the versions it has.
     *
     * @param id      the feature-set id ({@code seed}, {@code physics})
     * @param version the version an estimator was trained on
     * @return the feature set of that version
     */
    public static FeatureExtractor byId(String id, int version) {
        FeatureExtractor current = byId(id);
        if (current.version() == version) {
            return current;
        }
        if (PhysicsFeatures.ID.equals(id) && version == PhysicsFeatures.VERSION_2) {
            return PHYSICS_V2;
        }
        List<Integer> known = PhysicsFeatures.ID.equals(id)
                ? List.of(PhysicsFeatures.VERSION_2, PhysicsFeatures.VERSION) : List.of(current.version());
        throw new SpecValidationException("featureSet.version", version, "is not a version of feature set " + id
                + " this library computes; it has " + known);
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
