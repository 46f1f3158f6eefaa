package io.github.runtimeestimator.server.internal;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The service's metrics in a Micrometer registry, served as Prometheus text: {@code http_server_requests_seconds}
 * (count, sum, max and a latency histogram per method, route template and status), the specs estimated and
 * offers judged, and the JVM's memory, threads, CPU and uptime.
 */
public final class RequestMetrics {
    /** Route tag of a request no route matched (a 404 or 405): the path itself is never a tag. */
    static final String UNMATCHED = "unmatched";
    /** Route tag of the web page's files. */
    static final String STATIC = "static";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter estimates;
    private final Counter offersJudged;

    public RequestMetrics() {
        estimates = Counter.builder("runtime.estimator.estimates").description("workload specs estimated")
                .register(registry);
        offersJudged = Counter.builder("runtime.estimator.plan.offers")
                .description("offers judged by the planner, over all plans").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Javalin's request logger: one observation per request, whatever its outcome. */
    public void record(Context ctx, Float milliseconds) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        String route = endpoint != null && !endpoint.path.isEmpty() ? endpoint.path
                : ctx.statusCode() == 404 || ctx.statusCode() == 405 ? UNMATCHED : STATIC;
        Timer.builder("http.server.requests")
                .description("HTTP requests: method, route template, status")
                .tags("method", ctx.method().name(), "route", route, "status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record((long) (milliseconds * 1e6), TimeUnit.NANOSECONDS);
    }

    void estimated(int specs) {
        estimates.increment(specs);
    }

    void planned(int offers) {
        offersJudged.increment(offers);
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }
}
