package io.github.runtimeestimator.server.internal;

import io.javalin.http.Context;
import java.util.Locale;

/** Reads a request's JSON body within the service's limits, refusing what is not JSON before parsing it. */
final class JsonBodies {
    private final long maxBytes;

    JsonBodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The body's bytes: the {@code Content-Type} must be absent or JSON in UTF-8, the body at most the limit
     * (refused at once when {@code Content-Length} says more, else when reading passes it) and not empty.
     */
    byte[] read(Context ctx, String expected) {
        checkContentType(ctx.contentType());
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge("Content-Length is " + declared + " bytes");
        }
        byte[] body = body(ctx);
        if (body.length > maxBytes) {
            throw tooLarge("the body has more than " + maxBytes + " bytes");
        }
        if (firstToken(body) < 0) {
            throw new ApiException(400, "$", "must not be empty", "$: empty body: expected " + expected);
        }
        return body;
    }

    /**
     * Reads the body; Javalin stops past its maxRequestSize, the same limit (413). A body that ends early or
     * breaks its chunked encoding is the client's fault (400), not the server's.
     */
    private static byte[] body(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // an IOException, thrown by Javalin's Kotlin code without declaring it
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ApiException(400, "body", "must be a complete HTTP body",
                    "the request body could not be read: " + reason);
        }
    }

    private ApiException tooLarge(String what) {
        return new ApiException(413, "body", "must be at most " + maxBytes + " bytes",
                "request body too large: " + what + "; the service reads at most " + maxBytes + " bytes ("
                        + (maxBytes >> 20) + " MiB)");
    }

    private static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return; // curl --data-binary without -H: read as JSON
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].strip();
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw new ApiException(415, "Content-Type", "must be application/json",
                    "Content-Type = \"" + contentType + "\": must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("charset=")) {
                String charset = p.substring("charset=".length()).replace("\"", "").strip();
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw new ApiException(415, "Content-Type", "charset must be utf-8",
                            "Content-Type = \"" + contentType + "\": JSON is read as UTF-8; charset must be utf-8");
                }
            }
        }
    }

    /** The first byte that is not JSON whitespace, or -1 when there is none. */
    static int firstToken(byte[] body) {
        boolean bom = body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB
                && (body[2] & 0xff) == 0xBF;
        for (int i = bom ? 3 : 0; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b & 0xff;
            }
        }
        return -1;
    }
}
