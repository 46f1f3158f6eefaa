package io.github.runtimeestimator.server;

import static io.github.runtimeestimator.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.server.internal.Routes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document matches what the server does: every route it serves is documented and every documented
 * route is served; every example request validates against its schema, is accepted, and its answer validates
 * against the documented response schema; so do the answers of the GET routes and the refusals.
 */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
    private static EstimatorServer server;
    private static TestServers.Client client;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        server = TestServers.startDefault();
        client = new TestServers.Client(server);
        document = json(client.get("/openapi.json").body());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** "GET /v1/hardware/{id}" for every operation of the document. */
    private static Set<String> documentedOperations() {
        Set<String> ops = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                ops.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        return ops;
    }

    @Test
    void theServedDocumentIsTheJarsOpenApi31Document() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(client.get("/openapi.json").body().getBytes(StandardCharsets.UTF_8)).isEqualTo(readResource());
    }

    @Test
    void theSchemasRefuseWhatBreaksThemSoTheirPassesMeanSomething() {
        assertThat(schema(json("{\"$ref\": \"#/components/schemas/Estimate\"}")).validate(json("{\"seconds\": \"x\"}")))
                .isNotEmpty();
        assertThat(schema(json("{\"$ref\": \"#/components/schemas/WorkloadSpec\"}")).validate(json(
                "{\"model\": \"resnet50\", \"job\": {\"phase\": \"fly\", \"batchSize\": 0}}"))).hasSize(2);
        assertThat(schema(json("{\"$ref\": \"#/components/schemas/Plan\"}")).validate(json("{}"))).isNotEmpty();
    }

    private static byte[] readResource() {
        try (var in = Routes.class.getResourceAsStream("/io/github/runtimeestimator/server/openapi.json")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
        Set<String> served = new TreeSet<>();
        for (Routes.Route r : Routes.ALL) {
            served.add(r.method().name() + " " + r.path());
        }
        served.add("GET /"); // the web page, a static resource

        assertThat(documentedOperations()).isEqualTo(served);
        for (String op : documentedOperations()) {
            String[] parts = op.split(" ", 2);
            String path = parts[1].replace("{id}", "nvidia-h100-sxm-80gb");
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri().resolve(path))
                    .method(parts[0], HttpRequest.BodyPublishers.noBody()));
            assertThat(r.statusCode()).as(op + " is routed (no 404 or 405)").isNotIn(404, 405);
        }
    }

    @Test
    void aMethodThePathDoesNotDocumentIsNotServed() {
        SoftAssertions soft = new SoftAssertions();
        document.get("paths").fields().forEachRemaining(p -> {
            for (String m : List.of("put", "delete", "patch")) {
                if (!p.getValue().has(m)) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri()
                            .resolve(p.getKey().replace("{id}", "nvidia-l4-24gb")))
                            .method(m.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody()));
                    soft.assertThat(r.statusCode()).as(m + " " + p.getKey()).isIn(404, 405);
                }
            }
        });
        soft.assertAll();
    }

    @Test
    void everyExampleRequestValidatesIsAcceptedAndItsAnswerValidates() {
        int examples = 0;
        SoftAssertions soft = new SoftAssertions();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode post = path.getValue().get("post");
            if (post == null) {
                continue;
            }
            JsonNode content = post.get("requestBody").get("content").get("application/json");
            Schema requestSchema = schema(content.get("schema"));
            Schema responseSchema = schema(post.get("responses").get("200").get("content").get("application/json")
                    .get("schema"));
            assertThat(content.get("examples").size()).as(path.getKey() + " has examples").isPositive();
            for (Iterator<Map.Entry<String, JsonNode>> it = content.get("examples").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> example = it.next();
                String name = "POST " + path.getKey() + " example " + example.getKey();
                JsonNode value = example.getValue().get("value");
                soft.assertThat(messages(requestSchema.validate(value))).as(name + " validates").isEmpty();

                HttpResponse<String> r = client.post(path.getKey(), value.toString());

                soft.assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(200);
                soft.assertThat(messages(responseSchema.validate(json(r.body())))).as(name + " answer validates")
                        .isEmpty();
                examples++;
            }
        }
        soft.assertAll();
        assertThat(examples).isGreaterThanOrEqualTo(5);
    }

    @Test
    void theGetRoutesAnswersValidateAgainstTheirDocumentedSchemas() {
        SoftAssertions soft = new SoftAssertions();
        document.get("paths").fields().forEachRemaining(p -> {
            JsonNode get = p.getValue().get("get");
            if (get == null) {
                return;
            }
            JsonNode ok = get.get("responses").get("200").get("content");
            JsonNode jsonContent = ok.get("application/json");
            String path = p.getKey();
            if (get.has("parameters")) {
                path = path.replace("{id}", get.get("parameters").get(0).get("example").asText());
            }
            HttpResponse<String> r = client.get(path);
            soft.assertThat(r.statusCode()).as(path).isEqualTo(200);
            String type = r.headers().firstValue("Content-Type").orElse("");
            soft.assertThat(ok.fieldNames().next()).as(path + " documented media type of " + type)
                    .isEqualTo(type.split(";")[0].strip());
            if (jsonContent != null) {
                soft.assertThat(messages(schema(jsonContent.get("schema")).validate(json(r.body()))))
                        .as(path + " answer validates").isEmpty();
            }
        });
        soft.assertAll();
    }

    @Test
    void refusalsValidateAgainstTheErrorSchemaAndTheirStatusesAreDocumented() {
        Schema error = schema(json("{\"$ref\": \"#/components/schemas/Error\"}"));
        List<HttpResponse<String>> refusals = new ArrayList<>();
        refusals.add(client.post("/v1/estimate", "{\"model\": 1}"));
        refusals.add(client.post("/v1/plan", "{}"));
        refusals.add(client.post("/v1/models/hf-config", "[]"));
        refusals.add(client.get("/v1/hardware/no-such-device"));
        refusals.add(client.post("/v1/estimate", "{\"model\": \"" + "x".repeat(1 << 20) + "\"}"));
        refusals.add(client.send(HttpRequest.newBuilder(server.uri().resolve("/v1/plan"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("a,b"))));

        for (HttpResponse<String> r : refusals) {
            String op = r.request().method().toLowerCase(Locale.ROOT);
            String path = r.request().uri().getPath().startsWith("/v1/hardware/") ? "/v1/hardware/{id}"
                    : r.request().uri().getPath();
            assertThat(messages(error.validate(json(r.body())))).as(r.body()).isEmpty();
            assertThat(document.get("paths").get(path).get(op).get("responses").has(String.valueOf(r.statusCode())))
                    .as(op + " " + path + " documents " + r.statusCode()).isTrue();
        }
    }

    /** A validator of {@code schema} (a fragment of the document, such as a {@code $ref}) with the document's components. */
    private static Schema schema(JsonNode schema) {
        ObjectNode root = JsonMappers.output().createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", document.get("components"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root);
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
