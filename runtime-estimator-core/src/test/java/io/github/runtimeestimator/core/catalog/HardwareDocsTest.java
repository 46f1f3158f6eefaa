package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.catalog.internal.HardwareTable;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/hardware.md} lists the built-in catalogue as {@link HardwareTable} renders it, so the page cannot drift
 * from the JSON. To regenerate it after changing the catalogue:
 * <pre>{@code mvn -B -q -o -pl runtime-estimator-core -am test -Dtest=HardwareDocsTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Drte.regenerate.docs=true}</pre>
 */
class HardwareDocsTest {
    static final String BEGIN = "<!-- BEGIN GENERATED: HardwareTable (regenerate: see HardwareDocsTest) -->";
    static final String END = "<!-- END GENERATED: HardwareTable -->";

    @Test
    void theHardwarePageListsTheBuiltInCatalogue() throws IOException {
        Path page = RepositoryFiles.root().resolve("docs").resolve("hardware.md");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has the marker %s", page, BEGIN).isNotNegative();
        assertThat(end).as("%s has the marker %s", page, END).isGreaterThan(begin);
        String generated = "\n" + HardwareTable.markdown(HardwareCatalog.builtIn()) + "\n";
        String current = text.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("rte.regenerate.docs") && !current.equals(generated)) {
            Files.writeString(page, text.substring(0, begin + BEGIN.length()) + generated + text.substring(end),
                    StandardCharsets.UTF_8);
            current = generated;
        }
        assertThat(current).as("docs/hardware.md is out of date with the catalogue; regenerate it with: mvn -B -q -o"
                + " -pl runtime-estimator-core -am test -Dtest=HardwareDocsTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Drte.regenerate.docs=true").isEqualTo(generated);
    }
}
