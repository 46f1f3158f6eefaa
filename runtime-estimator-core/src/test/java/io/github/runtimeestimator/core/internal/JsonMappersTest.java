package io.github.runtimeestimator.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The one mapper configuration: repeated keys, trailing content, non-finite numbers and oversized input fail. */
class JsonMappersTest {
    record Point(@JsonProperty("x") double x, @JsonProperty("y") Double y, @JsonProperty("n") int n) {
    }

    private static final ObjectMapper STRICT = JsonMappers.strict();

    @Test
    void aValidDocumentReads() throws Exception {
        assertThat(STRICT.readValue("{\"x\": 1.5, \"y\": 2, \"n\": 3}", Point.class)).isEqualTo(new Point(1.5, 2.0, 3));
    }

    @Test
    void aRepeatedKeyFailsNamingIt() {
        assertThatThrownBy(() -> STRICT.readValue("{\"x\": 1, \"n\": 64, \"n\": 1}", Point.class))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate").hasMessageContaining("n");
        assertThatThrownBy(() -> STRICT.readTree("{\"a\": {\"b\": 1, \"b\": 2}}"))
                .as("trees too").isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate");
    }

    @Test
    void trailingContentFails() {
        assertThatThrownBy(() -> STRICT.readValue("{\"x\": 1} {\"x\": 2}", Point.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("Trailing");
        assertThatThrownBy(() -> STRICT.readTree("{\"x\": 1} garbage")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void nonFiniteNumbersFailWithTheirPath() {
        for (String bad : new String[] {"1e400", "-1e400", "\"NaN\"", "\"Infinity\"", "\"-Infinity\""}) {
            assertThatThrownBy(() -> STRICT.readValue("{\"x\": " + bad + "}", Point.class)).as(bad)
                    .isInstanceOf(JsonMappingException.class).hasMessageContaining("must be a finite number")
                    .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(0).getFieldName()).isEqualTo("x"));
            assertThatThrownBy(() -> STRICT.readValue("{\"y\": " + bad + "}", Point.class)).as("boxed " + bad)
                    .hasMessageContaining("must be a finite number");
        }
        assertThatThrownBy(() -> STRICT.readValue("{\"x\": NaN}", Point.class)).as("the NaN token is not JSON")
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void fractionsAreNotWholeNumbers() {
        assertThatThrownBy(() -> STRICT.readValue("{\"n\": 64.5}", Point.class)).isInstanceOf(JsonMappingException.class);
    }

    @Test
    void aDocumentOverTheLimitFailsAtTheLimit() {
        ObjectMapper small = JsonMappers.strictBuilder(1_000).build();
        String big = "{\"x\": 1" + " ".repeat(2_000) + "}";
        assertThatThrownBy(() -> small.readValue(big, Point.class))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("1000");
        String deep = "[".repeat(JsonMappers.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonMappers.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> STRICT.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void whereOfGivesTheJsonPathAndTheLineOfAFailure() {
        assertThatThrownBy(() -> STRICT.readTree("{\"jobs\": [{\"id\": \"a\"}, {\"id\": \"b\",\n \"id\": \"c\"}]}"))
                .isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(JsonMappers.whereOf((JsonProcessingException) e))
                        .isEqualTo(" at $.jobs[1].id (line 2, column 6)"));
        assertThatThrownBy(() -> STRICT.readValue("{\"x\": 1e400}", Point.class))
                .satisfies(e -> assertThat(JsonMappers.whereOf((JsonProcessingException) e))
                        .startsWith(" at $.x (line 1, column"));
        assertThatThrownBy(() -> STRICT.readTree("{\"x\": 1} garbage"))
                .satisfies(e -> assertThat(JsonMappers.whereOf((JsonProcessingException) e))
                        .as("after the document there is no path, only the place").startsWith(" (line 1, column"));
    }
}
