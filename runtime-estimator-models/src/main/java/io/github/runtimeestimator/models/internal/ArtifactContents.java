package io.github.runtimeestimator.models.internal;

import java.util.List;

/**
 * What a format-2 artifact holds once read and checked: its manifest, the SHA-256 of the manifest's bytes (the
 * artifact's identity, which every regressor entry carries) and the compiled regressors in manifest order.
 *
 * @param manifest       the checked manifest
 * @param manifestSha256 SHA-256 of {@code manifest.json}, lower-case hex
 * @param regressors     one per {@code manifest.regressors()}, same order and names
 */
public record ArtifactContents(ArtifactManifest manifest, String manifestSha256, List<CompiledRegressor> regressors) {

    public ArtifactContents {
        regressors = List.copyOf(regressors);
    }
}
