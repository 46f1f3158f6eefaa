package io.github.runtimeestimator.server;

import static io.github.runtimeestimator.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input never hurts the service: every malformed, oversized, wrong-typed or out-of-range request, and every
 * unknown route or method, is a 4xx with the JSON error naming the field at fault, no stack trace leaves the
 * server, and it answers the next good request.
 */
class BadRequestsTest {
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

    private static final String JOB = "{\"phase\": \"infer\", \"batchSize\": 8}";
    private static final String SPEC = "{\"model\": \"resnet50\", \"job\": " + JOB + ", \"hardware\": \"nvidia-l4-24gb\"}";
    private static final String TRAIN = "{\"model\": \"resnet50\", \"job\": {\"phase\": \"train_epoch\", \"batchSize\": 64,"
            + " \"optimizer\": \"sgd\", \"learningRate\": 0.1, \"datasetSize\": 1281167}}";
    private static final String OFFER = "{\"id\": \"a\", \"hardware\": \"nvidia-l4-24gb\", \"pricePerDeviceHour\": 1,"
            + " \"currency\": \"USD\", \"provider\": \"p\"}";
    private static final String BERT = "{\"model_type\": \"bert\", \"hidden_size\": 768, \"num_hidden_layers\": 12,"
            + " \"num_attention_heads\": 12, \"intermediate_size\": 3072, \"vocab_size\": 30522}";

    /** One bad request, what status it must get and which field the error must name (null: none asserted). */
    private record Case(String name, int status, String field, Supplier<Answer> send) {
    }

    /** A status and a body, from the JDK client or from a raw socket. */
    private record Answer(int status, String contentType, String body) {
        static Answer of(HttpResponse<String> r) {
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        }
    }

    private static Case post(String name, int status, String field, String path, String body) {
        return new Case(name, status, field, () -> Answer.of(client.post(path, body)));
    }

    private static Case estimate(String name, String field, String body) {
        return post(name, 400, field, "/v1/estimate", body);
    }

    private static Case plan(String name, String field, String body) {
        return post(name, 400, field, "/v1/plan", body);
    }

    private static Case request(String name, int status, String field, Supplier<HttpRequest.Builder> request) {
        return new Case(name, status, field, () -> Answer.of(client.send(request.get())));
    }

    private static Case raw(String name, int status, byte[] bytes) {
        return new Case(name, status, null, () -> rawExchange(bytes));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static List<Case> cases() {
        String big = "{\"model\": \"" + "x".repeat((int) EstimatorServer.MAX_BODY_BYTES) + "\"}";
        byte[] invalidUtf8 = ascii(SPEC.replace("nvidia-l4-24gb", "nvidia-l4-24gb?"));
        invalidUtf8[SPEC.indexOf("nvidia-l4-24gb") + "nvidia-l4-24gb".length()] = (byte) 0xC3;
        String manySpecs = "[" + String.join(",", java.util.Collections.nCopies(EstimatorServer.MAX_SPECS_PER_REQUEST + 1,
                SPEC)) + "]";
        List<Case> c = new ArrayList<>();
        // malformed JSON
        c.add(estimate("truncated JSON", "$.model", "{\"model\": "));
        c.add(estimate("trailing content", null, SPEC + " " + SPEC));
        c.add(estimate("duplicate key", "$.job.batchSize", SPEC.replace("\"batchSize\": 8", "\"batchSize\": 8, \"batchSize\": 1")));
        c.add(estimate("NaN token", "$.model", SPEC.replace("\"resnet50\"", "{\"name\": \"m\", \"parameters\": 1,"
                + " \"flopsPerSample\": NaN}")));
        c.add(estimate("nesting too deep", null, nested(300)));
        c.add(estimate("a number of 500 digits", null, SPEC.replace("\"batchSize\": 8", "\"batchSize\": " + "9".repeat(500))));
        c.add(new Case("invalid UTF-8", 400, null, () -> Answer.of(client.send(HttpRequest.newBuilder(
                server.uri().resolve("/v1/estimate")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8))))));
        // not a spec
        c.add(estimate("empty body", "$", ""));
        c.add(estimate("whitespace body", "$", " \n\t "));
        c.add(estimate("null body", "$", "null"));
        c.add(estimate("a string, not a spec", "$", "\"resnet50\""));
        c.add(estimate("an empty list", "$", "[]"));
        c.add(estimate("a null in a list", "$[1]", "[" + SPEC + ", null]"));
        c.add(estimate("more specs than a request may list", "$", manySpecs));
        // wrong types and out-of-range values
        c.add(estimate("unknown key", "$.note", SPEC.replace("{\"model\"", "{\"note\": \"x\", \"model\"")));
        c.add(estimate("text for a number", "$.job.batchSize", SPEC.replace("\"batchSize\": 8", "\"batchSize\": \"eight\"")));
        c.add(estimate("a fraction for a whole number", "$.job.batchSize", SPEC.replace("\"batchSize\": 8", "\"batchSize\": 8.5")));
        c.add(estimate("batch size 0", "$.job.batchSize", SPEC.replace("\"batchSize\": 8", "\"batchSize\": 0")));
        c.add(estimate("a whole number beyond int", "$.job.batchSize", SPEC.replace("\"batchSize\": 8", "\"batchSize\": 99999999999")));
        c.add(estimate("negative FLOPs", "$.model.flopsPerSample", SPEC.replace("\"resnet50\"", "{\"name\": \"m\","
                + " \"parameters\": 10, \"flopsPerSample\": -1}")));
        c.add(estimate("FLOPs of 1e400", "$.model.flopsPerSample", SPEC.replace("\"resnet50\"", "{\"name\": \"m\","
                + " \"parameters\": 10, \"flopsPerSample\": 1e400}")));
        c.add(estimate("unknown model name", "$.model", SPEC.replace("resnet50", "resnet5O")));
        c.add(estimate("unknown hardware", "$.hardware", SPEC.replace("nvidia-l4-24gb", "nvidia-l4000")));
        c.add(estimate("unknown phase", "$.job.phase", SPEC.replace("infer", "fly")));
        c.add(estimate("unknown precision", "$.precision", SPEC.replace("{\"model\"", "{\"precision\": \"fp7\", \"model\"")));
        c.add(estimate("no hardware to estimate on", "$.hardware", "{\"model\": \"resnet50\", \"job\": " + JOB + "}"));
        c.add(estimate("training without an optimizer", "$.job.optimizer", SPEC.replace("\"phase\": \"infer\"",
                "\"phase\": \"train_step\"")));
        c.add(estimate("more steps than a long holds", "$.job.epochs", SPEC.replace(JOB, "{\"phase\": \"train_job\","
                + " \"batchSize\": 1, \"optimizer\": \"sgd\", \"datasetSize\": 9000000000000000000, \"epochs\": 2000000000}")));
        // plan requests
        c.add(plan("no spec", "$.spec", "{\"deadline\": \"2h\"}"));
        c.add(plan("neither deadline nor budget", "$.deadline", "{\"spec\": " + TRAIN + "}"));
        c.add(plan("a deadline that is not a duration", "$.deadline", "{\"spec\": " + TRAIN + ", \"deadline\": \"tomorrow\"}"));
        c.add(plan("deadline and deadlineSeconds", "$.deadlineSeconds", "{\"spec\": " + TRAIN + ", \"deadline\": \"2h\","
                + " \"deadlineSeconds\": 7200}"));
        c.add(plan("a negative deadline in seconds", "$.deadlineSeconds", "{\"spec\": " + TRAIN + ", \"deadlineSeconds\": -1}"));
        c.add(plan("a negative budget", "$.budget", "{\"spec\": " + TRAIN + ", \"budget\": -5}"));
        c.add(plan("an unknown ranking", "$.rankBy", "{\"spec\": " + TRAIN + ", \"budget\": 5, \"rankBy\": \"speed\"}"));
        c.add(plan("offers that are not a list", "$.offers", "{\"spec\": " + TRAIN + ", \"budget\": 5, \"offers\": {}}"));
        c.add(plan("an empty list of offers", "$.offers", "{\"spec\": " + TRAIN + ", \"budget\": 5, \"offers\": []}"));
        c.add(plan("an offer on unknown hardware", "$.offers[1].hardware", "{\"spec\": " + TRAIN + ", \"budget\": 5,"
                + " \"offers\": [" + OFFER + ", " + OFFER.replace("\"a\"", "\"b\"").replace("nvidia-l4-24gb", "tpu-v9") + "]}"));
        c.add(plan("an offer with a price in words", "$.offers[0].pricePerDeviceHour", "{\"spec\": " + TRAIN
                + ", \"budget\": 5, \"offers\": [" + OFFER.replace("\"pricePerDeviceHour\": 1", "\"pricePerDeviceHour\": \"cheap\"") + "]}"));
        c.add(plan("offers in two currencies", "$.offers.currency", "{\"spec\": " + TRAIN + ", \"budget\": 5, \"offers\": [" + OFFER
                + ", " + OFFER.replace("\"a\"", "\"b\"").replace("USD", "EUR") + "]}"));
        c.add(plan("an unknown key beside the spec", "$.budjet", "{\"spec\": " + TRAIN + ", \"budget\": 5, \"budjet\": 5}"));
        // Hugging Face configs
        c.add(post("no sequence length", 400, "$.sequenceLength", "/v1/models/hf-config", "{\"config\": " + BERT + "}"));
        c.add(post("sequence length 0", 400, "$.sequenceLength", "/v1/models/hf-config", "{\"config\": " + BERT
                + ", \"sequenceLength\": 0}"));
        c.add(post("a config that is not an object", 400, "$.config", "/v1/models/hf-config",
                "{\"config\": [1, 2], \"sequenceLength\": 8}"));
        c.add(post("an unsupported model type", 400, "$.config.model_type", "/v1/models/hf-config",
                "{\"config\": " + BERT.replace("bert", "alien") + ", \"sequenceLength\": 8}"));
        c.add(post("zero attention heads", 400, "$.config.num_attention_heads", "/v1/models/hf-config",
                "{\"config\": " + BERT.replace("\"num_attention_heads\": 12", "\"num_attention_heads\": 0")
                        + ", \"sequenceLength\": 8}"));
        c.add(post("a vocabulary whose weights overflow a long", 400, "$.config.graph.weights", "/v1/models/hf-config",
                "{\"config\": " + BERT.replace("\"vocab_size\": 30522", "\"vocab_size\": 9000000000000000000")
                        .replace("\"model_type\": \"bert\"", "\"model_type\": \"bert\", \"max_position_embeddings\": 512")
                        + ", \"sequenceLength\": 8}"));
        c.add(estimate("a recurrent network of 10^18 layers", "$.model.graph.recurrent", SPEC.replace("\"resnet50\"",
                "{\"name\": \"rnn\", \"parameters\": 10, \"flopsPerSample\": 1e9, \"graph\": {\"formatVersion\": 1,"
                        + " \"operators\": [{\"kind\": \"recurrent\", \"variant\": \"lstm\", \"sequenceLength\": 16,"
                        + " \"inputSize\": 32, \"hiddenSize\": 64, \"layers\": 1000000000000000000}]}}")));
        // size and media type
        c.add(post("a body over 1 MiB", 413, "body", "/v1/estimate", big));
        c.add(request("a chunked body over 1 MiB", 413, "body", () -> HttpRequest.newBuilder(server.uri()
                .resolve("/v1/estimate")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))));
        c.add(request("text/plain", 415, "Content-Type", () -> HttpRequest.newBuilder(server.uri().resolve("/v1/estimate"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(SPEC))));
        c.add(request("JSON in Latin-1", 415, "Content-Type", () -> HttpRequest.newBuilder(server.uri()
                .resolve("/v1/estimate")).header("Content-Type", "application/json; charset=iso-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString(SPEC))));
        // routes and methods
        c.add(new Case("unknown route", 404, "path", () -> Answer.of(client.get("/v2/estimate"))));
        c.add(new Case("unknown hardware id", 404, "id", () -> Answer.of(client.get("/v1/hardware/nvidia-h1000"))));
        c.add(request("GET on a POST route", 405, "method", () -> HttpRequest.newBuilder(server.uri().resolve("/v1/plan")).GET()));
        c.add(request("DELETE on a POST route", 405, "method", () -> HttpRequest.newBuilder(server.uri()
                .resolve("/v1/estimate")).DELETE()));
        c.add(request("POST on a GET route", 405, "method", () -> HttpRequest.newBuilder(server.uri().resolve("/v1/models"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))));
        // malformed HTTP, refused by Jetty before the service sees it
        c.add(raw("a control character in the method", 400, ascii("G\u0001T /healthz HTTP/1.1\r\nHost: x\r\n\r\n")));
        c.add(raw("a header line without a colon", 400, ascii("GET /healthz HTTP/1.1\r\nHost: x\r\nnonsense\r\n\r\n")));
        c.add(raw("HTTP/1.1 without Host", 400, ascii("GET /healthz HTTP/1.1\r\n\r\n")));
        c.add(raw("headers over the limit", 431, ascii("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\n\r\n")));
        c.add(raw("a URI over the limit", 414, ascii("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")));
        c.add(raw("broken chunked encoding", 400, ascii("POST /v1/estimate HTTP/1.1\r\nHost: x\r\nContent-Type:"
                + " application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n")));
        return c;
    }

    @Test
    void everyBadRequestIsA4xxNamingTheFieldAndTheServerKeepsServing() {
        List<Case> cases = cases();
        Set<String> names = new HashSet<>();
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases) {
            assertThat(names.add(c.name())).as("distinct case names").isTrue();
            Answer a = c.send().get();
            soft.assertThat(a.status()).as(c.name() + ": " + a.body()).isEqualTo(c.status());
            soft.assertThat(a.contentType()).as(c.name() + " content type").startsWith("application/json");
            soft.assertThat(a.body()).as(c.name() + ": no stack trace").doesNotContain("\tat ", "at io.", "at org.",
                    "at com.", "at java.", "Exception:", "<html");
            JsonNode error = parse(a.body());
            soft.assertThat(error).as(c.name() + ": a JSON error body").isNotNull();
            if (error != null) {
                soft.assertThat(error.path("status").asInt()).as(c.name() + " status in body").isEqualTo(c.status());
                soft.assertThat(error.path("message").asText()).as(c.name() + " message").isNotBlank();
                if (c.field() != null) {
                    soft.assertThat(error.path("field").asText()).as(c.name() + ": " + a.body()).isEqualTo(c.field());
                }
            }
        }
        soft.assertAll();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);

        HttpResponse<String> good = client.post("/v1/estimate", SPEC);
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(json(good.body()).get("seconds").asDouble()).isPositive();
        assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestLineWithoutAVersionIsRefusedAsHttp09InJson() {
        Answer a = rawExchange(ascii("HELLO THERE\r\n\r\n"));

        assertThat(a.status()).as("Jetty reads a request line without a version as HTTP/0.9, which it does not serve")
                .isEqualTo(505);
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(json(a.body()).get("message").asText()).isEqualTo("HTTP/0.9 not supported");
        assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aRuleErrorNamesTheFieldTheValueAndTheRuleAsTheCliDoes() {
        JsonNode error = json(client.post("/v1/estimate", SPEC.replace("\"batchSize\": 8", "\"batchSize\": 0")).body());

        assertThat(error.get("field").asText()).isEqualTo("$.job.batchSize");
        assertThat(error.get("rule").asText()).isEqualTo("must be >= 1");
        assertThat(error.get("message").asText()).startsWith("$.job.batchSize: job.batchSize = 0: must be >= 1");
        assertThat(error.get("error").asText()).isEqualTo("Bad Request");
    }

    private static JsonNode parse(String body) {
        try {
            return json(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Sends bytes on a fresh connection and reads the answer until the server closes it or stays silent. */
    private static Answer rawExchange(byte[] request) {
        try (Socket s = new Socket(server.uri().getHost(), server.port())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                    if (complete(got.toByteArray())) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            String text = got.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? text : text.substring(0, headEnd);
            String[] statusLine = head.split("\r\n")[0].split(" ");
            int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
            String contentType = Arrays.stream(head.split("\r\n")).filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).strip()).findFirst().orElse("");
            return new Answer(status, contentType, headEnd < 0 ? "" : text.substring(headEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a response with a Content-Length has all its body. */
    private static boolean complete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        for (String line : text.substring(0, headEnd).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return bytes.length - headEnd - 4 >= Integer.parseInt(line.substring(15).strip());
            }
        }
        return false;
    }
}
