package io.github.runtimeestimator.models.internal;

import io.github.runtimeestimator.models.operators.OperatorModel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a format-2 artifact holds once read and checked: its manifest, the SHA-256 of the manifest's bytes (the
 * artifact's identity, which every regressor entry carries), the compiled regressors in manifest order, and the
 * per-operator model when the artifact has one.
 *
 * @param manifest       the checked manifest
 * @param manifestSha256 SHA-256 of {@code manifest.json}, lower-case hex
 * @param regressors     one per {@code manifest.regressors()}, same order and names
 * @param operatorModel  the per-operator model of the optional {@code operatorModel} section
 */
public record ArtifactContents(ArtifactManifest manifest, String manifestSha256, List<CompiledRegressor> regressors,
                               Optional<OperatorModel> operatorModel) {

    public ArtifactContents {
        regressors = List.copyOf(regressors);
        Objects.requireNonNull(operatorModel, "operatorModel");
    }

    /** Contents without a per-operator model. */
    public ArtifactContents(ArtifactManifest manifest, String manifestSha256, List<CompiledRegressor> regressors) {
        this(manifest, manifestSha256, regressors, Optional.empty());
    }
}
