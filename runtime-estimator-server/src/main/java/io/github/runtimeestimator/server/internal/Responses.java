package io.github.runtimeestimator.server.internal;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** Writes the service's responses: JSON in UTF-8, never sniffed as anything else. */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    static void json(Context ctx, String body) {
        json(ctx, body.getBytes(StandardCharsets.UTF_8));
    }

    static void json(Context ctx, byte[] body) {
        ctx.status(200).header("X-Content-Type-Options", "nosniff").contentType(JSON).result(body);
    }

    static void error(Context ctx, ErrorBody error) {
        ctx.status(error.status()).header("X-Content-Type-Options", "nosniff").contentType(JSON)
                .result(error.json().getBytes(StandardCharsets.UTF_8));
    }
}
