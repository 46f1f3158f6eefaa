package io.github.runtimeestimator.server.internal;

/**
 * A request the service refuses, with the HTTP status, the field at fault (a JSON path such as
 * {@code $.job.batchSize}, a header or {@code path}) and the rule it broke. Its message is what the client reads.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final String rule;

    public ApiException(int status, String field, String rule, String message) {
        super(message, null, false, false); // a client's mistake: no stack trace is recorded
        this.status = status;
        this.field = field;
        this.rule = rule;
    }

    public int status() {
        return status;
    }

    /** The field at fault, or null when the request as a whole is. */
    public String field() {
        return field;
    }

    /** The rule that was broken, or null when the message says it all. */
    public String rule() {
        return rule;
    }
}
