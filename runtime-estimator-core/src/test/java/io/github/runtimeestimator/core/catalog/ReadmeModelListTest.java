package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's "Catalogued models" section names every model of the built-in catalogue, and nothing else. */
class ReadmeModelListTest {
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    @Test
    void theReadmeListsExactlyTheCataloguedModelNames() throws IOException {
        String readme = Files.readString(RepositoryFiles.root().resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Catalogued models\n");
        assertThat(start).as("README.md has a section '## Catalogued models'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);

        Set<String> listed = new LinkedHashSet<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("* **")) {
                Matcher m = NAME.matcher(line);
                while (m.find()) {
                    listed.add(m.group(1));
                }
            }
        }
        Set<String> catalogued = new LinkedHashSet<>();
        for (ModelSpec entry : ModelCatalog.builtIn().all()) {
            catalogued.add(entry.name());
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(catalogued);
    }
}
