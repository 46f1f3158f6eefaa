package io.github.runtimeestimator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The version the CLI prints is the build's, and the BOM moves with the parent POM. */
class VersionTest {
    private static final Pattern PROJECT_VERSION = Pattern.compile(
            "<artifactId>runtime-estimator-(?:parent|bom)</artifactId>\\s*<version>([^<]+)</version>");

    private static String versionIn(String pom) throws IOException {
        Matcher m = PROJECT_VERSION.matcher(Files.readString(RepositoryFiles.root().resolve(pom)));
        assertThat(m.find()).as("%s declares its version", pom).isTrue();
        return m.group(1);
    }

    @Test
    void versionIsTheOneTheBuildWasMadeFrom() throws IOException {
        CliHarness.Result r = CliHarness.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().findFirst()).hasValue("runtime-estimator " + versionIn("pom.xml"));
    }

    @Test
    void theBomHasTheParentsVersion() throws IOException {
        assertThat(versionIn("runtime-estimator-bom/pom.xml")).isEqualTo(versionIn("pom.xml"));
    }
}
