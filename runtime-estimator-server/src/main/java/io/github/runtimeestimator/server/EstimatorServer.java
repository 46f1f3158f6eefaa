package io.github.runtimeestimator.server;

import io.github.runtimeestimator.server.internal.JsonErrorHandler;
import io.github.runtimeestimator.server.internal.Refusals;
import io.github.runtimeestimator.server.internal.RequestMetrics;
import io.github.runtimeestimator.server.internal.Routes;
import io.github.runtimeestimator.server.internal.ErrorBody;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The pricing service: the library over HTTP, on Javalin and Jetty. {@code POST /v1/estimate} and
 * {@code POST /v1/plan} take and give the JSON of spec files, estimates and plans (the CLI's, through the same
 * {@code SpecJson} and {@code PlanFormatter}); {@code GET /v1/hardware}, {@code /v1/hardware/{id}},
 * {@code /v1/models} and {@code /v1/offers} list what it knows; {@code /healthz}, {@code /metrics} (Prometheus)
 * and {@code /openapi.json} describe it; {@code /} is a web page that prices a job across the offers.
 *
 * <p>Bad input never hurts it: a body over {@link #MAX_BODY_BYTES}, malformed JSON, a wrong type or a value out of
 * range is a 4xx with a JSON body naming the field and the rule; an unknown route is a 404; no stack trace leaves
 * the server. {@link #stop()} (and SIGTERM, through Jetty's shutdown hook) lets requests in flight finish, for up
 * to the configured stop timeout.
 *
 * <pre>{@code
 * try (EstimatorServer server = EstimatorServer.start(ServerConfig.builder(RuntimeEstimator.loadDefault())
 *         .offers(offers).port(8080).build())) {
 *     System.out.println("listening on " + server.uri());
 *     server.join();
 * }
 * }</pre>
 */
public final class EstimatorServer implements AutoCloseable {
    /** Largest request body read: 1 MiB. A larger one is refused with 413 without being read past the limit. */
    public static final long MAX_BODY_BYTES = 1L << 20;
    /** Most specs one {@code POST /v1/estimate} may list. */
    public static final int MAX_SPECS_PER_REQUEST = 1_000;
    /** Most offers one {@code POST /v1/plan} may bring. */
    public static final int MAX_OFFERS_PER_REQUEST = 1_000;

    /** Where the web page's files are, in this jar. */
    static final String WEB_RESOURCES = "/io/github/runtimeestimator/server/web";
    /** The page loads its own script, style and data only: no inline script, no other origin. */
    static final String PAGE_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final Javalin app;
    private final ServerConfig config;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EstimatorServer(Javalin app, ServerConfig config) {
        this.app = app;
        this.config = config;
    }

    /**
     * Starts a server for {@code config} and returns once it listens.
     *
     * @param config what to serve and where
     * @return the running server
     * @throws UncheckedIOException (of a {@link BindException}) when it cannot listen at the configured host and
     *                              port (taken, not allowed, not an address of this machine)
     */
    public static EstimatorServer start(ServerConfig config) {
        RequestMetrics metrics = new RequestMetrics();
        Routes.Endpoints endpoints = new Routes.Endpoints(config, metrics);
        Refusals refusals = new Refusals();
        Javalin app = Javalin.create(c -> configure(c, config, endpoints, metrics, refusals));
        try {
            app.start();
        } catch (JavalinException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            BindException bind = new BindException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + reason.lines().findFirst().orElse(""));
            bind.initCause(e);
            throw new UncheckedIOException(bind.getMessage(), bind);
        }
        return new EstimatorServer(app, config);
    }

    private static void configure(JavalinConfig c, ServerConfig config, Routes.Endpoints endpoints,
                                  RequestMetrics metrics, Refusals refusals) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.http.maxRequestSize = MAX_BODY_BYTES;
        c.http.prefer405over404 = true;
        c.jetty.host = config.host();
        c.jetty.port = config.port();
        c.jetty.modifyServer(server -> {
            server.setStopTimeout(config.stopTimeout().toMillis());
            server.setStopAtShutdown(true); // SIGTERM: Jetty's shutdown hook stops the server gracefully
            server.insertHandler(new GracefulHandler()); // a stop waits for the requests in flight
            server.setErrorHandler(new JsonErrorHandler());
        });
        c.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = WEB_RESOURCES;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache", "Content-Security-Policy", PAGE_SECURITY_POLICY,
                    "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");
        });
        Routes.register(c.routes, endpoints);
        c.routes.exception(HttpResponseException.class, refusals::handle);
        c.routes.exception(Exception.class, refusals::handle);
        c.router.javaLangErrorHandler((response, error) -> {
            ErrorBody body = refusals.internal("a request", error);
            response.setStatus(500);
            response.setContentType("application/json; charset=utf-8");
            try {
                response.getOutputStream().write(body.json().getBytes(StandardCharsets.UTF_8));
            } catch (IOException | IllegalStateException e) {
                // the response is already committed or the client has gone: the status is all it gets
            }
        });
        c.requestLogger.http(metrics::record);
    }

    /**
     * The port it listens on (the one chosen when the configuration asked for 0).
     *
     * @return the port
     */
    public int port() {
        return app.port();
    }

    /**
     * {@code http://127.0.0.1:8080/}.
     *
     * @return the server's base URI: its configured host (in brackets when an IPv6 address) and its port
     */
    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /**
     * What it serves and where, as configured.
     *
     * @return its configuration
     */
    public ServerConfig config() {
        return config;
    }

    /**
     * Waits until the server has stopped (by {@link #stop()} or SIGTERM).
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void join() throws InterruptedException {
        app.jettyServer().server().join();
    }

    /**
     * Stops accepting connections, lets the requests in flight finish (up to the configured stop timeout) and
     * stops. Calling it again does nothing.
     */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            app.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
