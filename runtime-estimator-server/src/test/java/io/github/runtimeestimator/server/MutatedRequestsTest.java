package io.github.runtimeestimator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of good requests (a value replaced by an extreme number, a wrong type, nothing; a key
 * dropped) never make the service fail on its own side: every answer is a 200 or a 4xx, and a 4xx names a field.
 */
class MutatedRequestsTest {
    /** The seed; {@code -Drte.fuzz.seed=N} explores others. */
    private static final long SEED = Long.getLong("rte.fuzz.seed", 20261202L);
    private static final int MUTATIONS_PER_REQUEST = 150;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static EstimatorServer server;
    private static TestServers.Client client;

    @BeforeAll
    static void start() {
        server = TestServers.startDefault();
        client = new TestServers.Client(server);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static final String TRAIN_JOB = "{\"phase\": \"train_job\", \"batchSize\": 64, \"optimizer\": \"adam\","
            + " \"learningRate\": 0.001, \"datasetSize\": 50000, \"epochs\": 3}";
    private static final String INLINE_MODEL = "{\"name\": \"m\", \"family\": \"cnn\", \"parameters\": 25557032,"
            + " \"flopsPerSample\": 8.2e9, \"inputShape\": \"3x224x224\", \"leafLayers\": 161,"
            + " \"activationElementsPerSample\": 2.3e7, \"matmulFlopsPerSample\": 8.0e9}";
    private static final String GRAPH_MODEL = "{\"name\": \"g\", \"parameters\": 1000, \"flopsPerSample\": 1e6,"
            + " \"graph\": {\"formatVersion\": 1, \"operators\": [{\"kind\": \"matmul\", \"variant\": \"linear\","
            + " \"repeat\": 2, \"b\": 1, \"m\": 8, \"n\": 64, \"k\": 64, \"bias\": true, \"batchDim\": \"m\"},"
            + " {\"kind\": \"recurrent\", \"variant\": \"lstm\", \"sequenceLength\": 16, \"inputSize\": 32,"
            + " \"hiddenSize\": 64, \"layers\": 2}, {\"kind\": \"embedding\", \"lookups\": 8, \"dim\": 64,"
            + " \"vocab\": 1000}]}}";

    private static final List<String[]> REQUESTS = List.of(
            new String[] {"/v1/estimate", "{\"model\": " + INLINE_MODEL + ", \"job\": " + TRAIN_JOB
                    + ", \"precision\": \"bf16\", \"hardware\": {\"id\": \"nvidia-a100-sxm-80gb\", \"deviceCount\": 8}}"},
            new String[] {"/v1/estimate", "{\"model\": " + GRAPH_MODEL + ", \"job\": " + TRAIN_JOB
                    + ", \"hardware\": \"intel-xeon-emr-16c\"}"},
            new String[] {"/v1/plan", "{\"spec\": {\"model\": \"resnet50\", \"job\": " + TRAIN_JOB + "}, \"deadline\":"
                    + " \"12h\", \"budget\": 100, \"rankBy\": \"energy\", \"offers\": [{\"id\": \"a\", \"hardware\":"
                    + " \"nvidia-l4-24gb\", \"deviceCount\": 2, \"pricePerDeviceHour\": 0.8, \"currency\": \"USD\","
                    + " \"provider\": \"p\", \"priceAsOf\": \"2026-11-26\"}]}"},
            new String[] {"/v1/models/hf-config", "{\"config\": {\"model_type\": \"llama\", \"hidden_size\": 4096,"
                    + " \"num_hidden_layers\": 32, \"num_attention_heads\": 32, \"num_key_value_heads\": 8,"
                    + " \"intermediate_size\": 14336, \"vocab_size\": 128256, \"max_position_embeddings\": 8192,"
                    + " \"hidden_act\": \"silu\"}, \"sequenceLength\": 2048}"});

    @Test
    void noMutationOfAGoodRequestMakesTheServerFail() {
        Random random = new Random(SEED);
        SoftAssertions soft = new SoftAssertions();
        int refused = 0;
        int answered = 0;
        for (String[] request : REQUESTS) {
            assertThat(client.post(request[0], request[1]).statusCode()).as(request[0] + " unmutated").isEqualTo(200);
            for (int i = 0; i < MUTATIONS_PER_REQUEST; i++) {
                JsonNode mutated = mutate(TestServers.json(request[1]), random);
                HttpResponse<String> r = client.post(request[0], mutated.toString());
                soft.assertThat(r.statusCode()).as(request[0] + " " + mutated + " -> " + r.body()).isIn(200, 400);
                if (r.statusCode() == 400) {
                    refused++;
                    soft.assertThat(TestServers.json(r.body()).path("message").asText()).isNotBlank();
                } else {
                    answered++;
                }
            }
        }
        soft.assertAll();
        assertThat(refused).as("most mutations break a rule").isGreaterThan(answered / 4);
        assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
    }

    /** The document with one value replaced or one key dropped, at a random place. */
    private static JsonNode mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target.isObject()) {
            ObjectNode o = (ObjectNode) target;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            String key = keys.get(random.nextInt(keys.size()));
            if (random.nextInt(6) == 0) {
                o.remove(key);
            } else {
                o.set(key, extreme(random));
            }
        } else {
            ArrayNode a = (ArrayNode) target;
            a.set(random.nextInt(a.size()), extreme(random));
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode() && node.size() > 0) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static JsonNode extreme(Random random) {
        switch (random.nextInt(16)) {
            case 0: return NODES.numberNode(0);
            case 1: return NODES.numberNode(-1);
            case 2: return NODES.numberNode(Long.MAX_VALUE);
            case 3: return NODES.numberNode(Long.MIN_VALUE);
            case 4: return NODES.numberNode(Integer.MAX_VALUE);
            case 5: return NODES.numberNode(1e308);
            case 6: return NODES.numberNode(4.9e-324);
            case 7: return NODES.numberNode(2.5);
            case 8: return NODES.textNode("");
            case 9: return NODES.textNode("x".repeat(1 + random.nextInt(5000)));
            case 10: return NODES.nullNode();
            case 11: return NODES.booleanNode(true);
            case 12: return NODES.arrayNode().add(1);
            case 13: return NODES.objectNode().put("k", 1);
            case 14: return NODES.numberNode(9_000_000_000_000_000_000L);
            default: return NODES.numberNode(1L << (20 + random.nextInt(40)));
        }
    }
}
