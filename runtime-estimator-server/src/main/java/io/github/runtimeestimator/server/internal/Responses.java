package io.github.runtimeestimator.server.internal;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Writes the service's responses: JSON in UTF-8, never sniffed as anything else. */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";

    /** At most this much of a refused oversized body is read and dropped before answering (4 MiB). */
    static final long DRAIN_LIMIT_BYTES = 4L << 20;

    private Responses() {
    }

    private static void drain(Context ctx, long limit) {
        byte[] buffer = new byte[8192];
        long left = limit;
        try {
            InputStream in = ctx.req().getInputStream();
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the connection is closed after the answer anyway
        }
    }

    static void json(Context ctx, String body) {
        json(ctx, body.getBytes(StandardCharsets.UTF_8));
    }

    static void json(Context ctx, byte[] body) {
        ctx.status(200).header("X-Content-Type-Options", "nosniff").contentType(JSON).result(body);
    }

    static void error(Context ctx, ErrorBody error) {
        if (error.status() == 413) {
            // The rest of the body was never read. Read and drop a bounded amount of it first, so that a client
            // still uploading finishes and reads the answer instead of meeting a reset connection; then close the
            // connection (it cannot carry another request), and say so.
            drain(ctx, DRAIN_LIMIT_BYTES);
            ctx.header("Connection", "close");
        }
        ctx.status(error.status()).header("X-Content-Type-Options", "nosniff").contentType(JSON)
                .result(error.json().getBytes(StandardCharsets.UTF_8));
    }
}
