package io.github.runtimeestimator.server;

import static io.github.runtimeestimator.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.graph.HuggingFaceConfig;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.planner.Constraints;
import io.github.runtimeestimator.planner.OfferReader;
import io.github.runtimeestimator.planner.internal.PlanFormatter;
import io.github.runtimeestimator.planner.ResourcePlanner;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the service answers to good requests is what the library and the CLI give for the same input, byte for byte. */
class ServiceApiTest {
    private static EstimatorServer server;
    private static TestServers.Client client;

    private static final HardwareCatalog HW = HardwareCatalog.builtIn();
    private static final ModelCatalog MODELS = ModelCatalog.builtIn();

    @BeforeAll
    static void start() {
        server = TestServers.startDefault();
        client = new TestServers.Client(server);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String exampleSpec(String name) throws Exception {
        return Files.readString(RepositoryFiles.root().resolve("examples").resolve("specs").resolve(name));
    }

    @Test
    void anEstimateIsWhatPredictPrintsForTheSameSpecFile() throws Exception {
        String spec = exampleSpec("resnet50-h100-epoch.json");

        HttpResponse<String> r = client.post("/v1/estimate", spec);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        String expected = SpecJson.writeEstimate(TestServers.defaultEstimator().predict(SpecJson.readWorkload(spec, HW,
                MODELS)));
        assertThat(r.body()).isEqualTo(expected);
    }

    @Test
    void aListOfSpecsGivesTheirEstimatesInOrder() throws Exception {
        String a = exampleSpec("bert-infer-l4.json");
        String b = exampleSpec("mlp-cpu.json");

        HttpResponse<String> r = client.post("/v1/estimate", "[" + a + ", " + b + ", " + a + "]");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode estimates = json(r.body());
        assertThat(estimates.size()).isEqualTo(3);
        assertThat(estimates.get(0)).isEqualTo(json(client.post("/v1/estimate", a).body()));
        assertThat(estimates.get(1)).isEqualTo(json(client.post("/v1/estimate", b).body()));
        assertThat(estimates.get(2)).isEqualTo(estimates.get(0));
    }

    @Test
    void aPlanIsWhatPlanFormatJsonPrintsForTheSameSpecOffersAndConstraints() throws Exception {
        String spec = exampleSpec("resnet50-imagenet-90-epochs.json");

        HttpResponse<String> r = client.post("/v1/plan", "{\"spec\": " + spec + ", \"deadline\": \"2d\", \"budget\": 3000}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String expected = PlanFormatter.json(new ResourcePlanner(TestServers.defaultEstimator()).plan(
                SpecJson.readWorkload(spec, HW, MODELS), TestServers.exampleOffers(),
                new Constraints(Duration.ofDays(2), 3000.0)));
        assertThat(r.body()).isEqualTo(expected);
        assertThat(json(r.body()).get("ranked").size()).isEqualTo(TestServers.exampleOffers().size());
    }

    @Test
    void aPlanRanksTheOffersARequestBringsInsteadOfTheServers() {
        String offers = "[{\"id\": \"one-l4\", \"hardware\": \"nvidia-l4-24gb\", \"pricePerDeviceHour\": 0.8,"
                + " \"currency\": \"USD\", \"provider\": \"example\"}, {\"id\": \"eight-h100\", \"hardware\":"
                + " \"nvidia-h100-sxm-80gb\", \"deviceCount\": 8, \"pricePerDeviceHour\": 4, \"currency\": \"USD\","
                + " \"provider\": \"example\"}]";
        String body = "{\"spec\": {\"model\": \"resnet50\", \"job\": {\"phase\": \"train_epoch\", \"batchSize\": 64,"
                + " \"optimizer\": \"sgd\", \"learningRate\": 0.1, \"datasetSize\": 1281167}}, \"deadlineSeconds\": 36000,"
                + " \"rankBy\": \"energy\", \"offers\": " + offers + "}";

        JsonNode plan = json(client.post("/v1/plan", body).body());

        assertThat(plan.get("rankBy").asText()).isEqualTo("energy");
        assertThat(plan.get("deadlineSeconds").asDouble()).isEqualTo(36000.0);
        assertThat(plan.get("ranked").findValuesAsText("offerId")).containsExactlyInAnyOrder("one-l4", "eight-h100");
        JsonNode first = plan.get("ranked").get(0);
        assertThat(first.get("lowerCost").asDouble()).isLessThanOrEqualTo(first.get("cost").asDouble());
        assertThat(first.get("cost").asDouble()).isLessThanOrEqualTo(first.get("upperCost").asDouble());
    }

    @Test
    void theCataloguesAreTheCliListsAndAnEntryIsFoundByIdOrDriverName() throws Exception {
        assertThat(client.get("/v1/hardware").body()).isEqualTo(HW.toJson());

        JsonNode h100 = json(client.get("/v1/hardware/nvidia-h100-sxm-80gb").body());
        assertThat(h100.get("id").asText()).isEqualTo("nvidia-h100-sxm-80gb");
        assertThat(h100).isEqualTo(entry("nvidia-h100-sxm-80gb"));
        assertThat(json(client.get("/v1/hardware/NVIDIA%20H100%2080GB%20HBM3").body()).get("id").asText())
                .isEqualTo("nvidia-h100-sxm-80gb");

        JsonNode models = json(client.get("/v1/models").body());
        assertThat(models.size()).isEqualTo(MODELS.all().size());
        assertThat(models.findValuesAsText("name")).contains("resnet50", "bert_base");
        assertThat(models.findValues("graph")).isEmpty();
        assertThat(models.get(0)).isEqualTo(json(SpecJson.writeModel(MODELS.all().get(0).withGraph(null))));
    }

    private static JsonNode entry(String id) {
        for (JsonNode e : json(HW.toJson()).get("entries")) {
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError(id);
    }

    @Test
    void theOffersAreAnOffersFileThatReadsBackToTheServersOffers() throws Exception {
        HttpResponse<String> r = client.get("/v1/offers");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new OfferReader(HW).readJson(new StringReader(r.body()), "served").offers())
                .isEqualTo(TestServers.exampleOffers());
    }

    @Test
    void aHuggingFaceConfigGivesTheModelDescribeGivesWithItsGraph() throws Exception {
        String config = "{\"model_type\": \"bert\", \"hidden_size\": 768, \"num_hidden_layers\": 12,"
                + " \"num_attention_heads\": 12, \"intermediate_size\": 3072, \"vocab_size\": 30522,"
                + " \"max_position_embeddings\": 512, \"type_vocab_size\": 2, \"hidden_act\": \"gelu\"}";

        HttpResponse<String> r = client.post("/v1/models/hf-config", "{\"config\": " + config
                + ", \"sequenceLength\": 128, \"name\": \"bert-base-uncased\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        ModelSpec expected = HuggingFaceConfig.parse(JsonMappers.strict().readTree(config))
                .modelSpec("bert-base-uncased", 128);
        assertThat(SpecJson.readModel(r.body())).isEqualTo(expected);
        assertThat(expected.graph()).isNotNull();

        String spec = "{\"model\": " + r.body() + ", \"job\": {\"phase\": \"infer\", \"batchSize\": 8},"
                + " \"hardware\": \"nvidia-l4-24gb\"}";
        assertThat(client.post("/v1/estimate", spec).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsDescribeTheServerAndCountRequestsByRouteTemplate() {
        JsonNode health = json(client.get("/healthz").body());
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("offers").asInt()).isEqualTo(TestServers.exampleOffers().size());
        client.get("/v1/hardware/nvidia-l4-24gb");
        client.get("/v1/hardware/nvidia-a100-sxm-80gb");
        client.get("/no/such/route");

        HttpResponse<String> metrics = client.get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body()).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/v1/hardware/{id}\","
                + "status=\"200\"}");
        assertThat(metrics.body()).contains("route=\"unmatched\",status=\"404\"");
        assertThat(metrics.body()).doesNotContain("/no/such/route");
        assertThat(metrics.body()).contains("http_server_requests_seconds_bucket", "runtime_estimator_estimates_total");
    }

    @Test
    void theSameServerAnswersManyClientsAtOnceWithTheSameEstimates() throws Exception {
        String spec = exampleSpec("bert-infer-l4.json");
        String expected = client.post("/v1/estimate", spec).body();

        List<String> answers = java.util.stream.IntStream.range(0, 64).parallel()
                .mapToObj(i -> client.post("/v1/estimate", spec).body()).toList();

        assertThat(answers).containsOnly(expected);
    }

    @Test
    void aSpecWithoutHardwareIsEstimatedNowhereButPlannedOnEveryOffer() {
        WorkloadSpec w = SpecJson.readWorkload("{\"model\": \"resnet50\", \"job\": {\"phase\": \"infer\","
                + " \"batchSize\": 8}}", HW, MODELS);
        assertThat(w.hardware()).isNull();
        assertThat(client.post("/v1/estimate", "{\"model\": \"resnet50\", \"job\": {\"phase\": \"infer\","
                + " \"batchSize\": 8}}").statusCode()).isEqualTo(400);
        assertThat(client.post("/v1/plan", "{\"spec\": {\"model\": \"resnet50\", \"job\": {\"phase\": \"infer\","
                + " \"batchSize\": 8}}, \"deadline\": \"1m\"}").statusCode()).isEqualTo(200);
    }
}
