package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.models.internal.LibraryVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version Maven wrote into the build, never a literal that drifts from it. */
final class BuildVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"runtime-estimator " + LibraryVersion.get(),
            "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"};
    }
}
