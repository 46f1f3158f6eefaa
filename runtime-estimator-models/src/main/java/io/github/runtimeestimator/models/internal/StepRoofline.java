package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.features.Roofline;
import io.github.runtimeestimator.features.internal.RooflineV2;

/**
 * The baseline of {@link io.github.runtimeestimator.models.Target#LOG_RATIO_TO_ROOFLINE}: the roofline of the step,
 * the larger of its compute time and memory time at the device's datasheet peaks, in the version the estimator was
 * fitted against ({@code rooflineVersion} in its artifact).
 *
 * <ul>
 *   <li>v3, everything trained now: {@link Roofline}, with the activation elements feature set {@code physics} v3
 *       takes ({@link Roofline#activationElementsPerSample(ModelSpec, ModelCatalog)}: the spec's, else the built-in
 *       catalogue's, else {@code F / 300}), so the baseline is the {@code roofline_seconds} feature.</li>
 *   <li>v2, artifacts fitted before: {@link RooflineV2}, the spec's activation elements else v2's fan-in proxy,
 *       never the catalogue's.</li>
 * </ul>
 *
 * <p>Why v3 reads the catalogue: a schema-v1 measurement row carries no descriptor, so a baseline without it guessed
 * every training row's activation traffic. Trained on the 2-core EPYC's rows and scored on the 16-core Xeon's (the
 * example of docs/training.md), the ratio target missed by a median 41.8% with v2's guess, 48.8% with
 * {@code F / 300} and 38.9% with the catalogue's measured sizes.
 */
public final class StepRoofline {
    private StepRoofline() {
    }

    /** The version training fits against: {@link Roofline#VERSION}. */
    public static int version() {
        return Roofline.VERSION;
    }

    /** Whether this library computes roofline {@code version}. */
    public static boolean computes(int version) {
        return version == Roofline.VERSION || version == RooflineV2.VERSION;
    }

    /** The step's roofline in the current version. */
    public static double seconds(WorkloadSpec step) {
        return Roofline.rooflineSeconds(step,
                Roofline.activationElementsPerSample(step.model(), ModelCatalog.builtIn()));
    }

    /**
     * The step's roofline in {@code version}.
     *
     * @throws SpecValidationException when this library does not compute that version
     */
    public static double seconds(WorkloadSpec step, int version) {
        if (version == Roofline.VERSION) {
            return seconds(step);
        }
        if (version == RooflineV2.VERSION) {
            return RooflineV2.rooflineSeconds(step);
        }
        throw new SpecValidationException("rooflineVersion", version, "must be " + RooflineV2.VERSION + " or "
                + Roofline.VERSION);
    }
}
