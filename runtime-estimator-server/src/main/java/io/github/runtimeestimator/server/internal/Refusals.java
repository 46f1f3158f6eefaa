package io.github.runtimeestimator.server.internal;

import io.github.runtimeestimator.server.EstimatorServer;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a request raised into the service's JSON error: the client's mistakes as a 4xx naming the field
 * and the rule, the server's own faults as a 500 that names an incident number and nothing else (the stack trace
 * goes to the server's log under that number, never to the client).
 */
public final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    private final AtomicLong incidents = new AtomicLong();

    /** Javalin's exception handler for every {@link Exception}. */
    public void handle(Exception e, Context ctx) {
        ErrorBody body = e instanceof HttpResponseException ? fromJavalin((HttpResponseException) e, ctx)
                : ErrorBody.of(e);
        if (body == null) {
            body = internal(ctx.method().name() + " " + ctx.path(), e);
        }
        Responses.error(ctx, body);
    }

    /** The body of an internal error, logged with its stack trace under a fresh incident number. */
    public ErrorBody internal(String request, Throwable e) {
        long incident = incidents.incrementAndGet();
        LOG.error("internal error, incident {}, on {}", incident, request, e);
        return new ErrorBody(500, null, null, "internal error (incident " + incident
                + "); the server's log has the details");
    }

    private static ErrorBody fromJavalin(HttpResponseException e, Context ctx) {
        String request = ctx.method().name() + " " + ctx.path();
        if (e instanceof NotFoundResponse) {
            return new ErrorBody(404, "path", "must be a route of the service",
                    "no route " + request + "; GET /openapi.json lists the routes");
        }
        if (e instanceof MethodNotAllowedResponse) {
            String allowed = e.getDetails().getOrDefault("availableMethods",
                    e.getDetails().getOrDefault("Available methods", ""));
            if (!allowed.isEmpty()) {
                ctx.header("Allow", allowed);
            }
            return new ErrorBody(405, "method", "must be one of: " + allowed,
                    "method " + ctx.method().name() + " is not allowed on " + ctx.path() + "; allowed: " + allowed);
        }
        if (e.getStatus() == 413) {
            return new ErrorBody(413, "body", "must be at most " + EstimatorServer.MAX_BODY_BYTES + " bytes",
                    "request body too large: the service reads at most " + EstimatorServer.MAX_BODY_BYTES
                            + " bytes (" + (EstimatorServer.MAX_BODY_BYTES >> 20) + " MiB)");
        }
        return ErrorBody.of(e);
    }
}
