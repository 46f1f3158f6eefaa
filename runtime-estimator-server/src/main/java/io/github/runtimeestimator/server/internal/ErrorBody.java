package io.github.runtimeestimator.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.io.SpecFormatException;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.UncheckedIOException;

/**
 * The JSON every refusal of the service has: {@code {"status": 400, "error": "Bad Request", "field":
 * "$.job.batchSize", "rule": "must be >= 1", "message": "$.job.batchSize: job.batchSize = 0: must be >= 1 (line 1,
 * column 83)"}}. {@code field} and {@code rule} are left out when unknown; {@code message} is one line, the one
 * the CLI would print, and never holds a stack trace.
 *
 * @param status  the HTTP status
 * @param field   the JSON path, header or {@code path} at fault, or null
 * @param rule    the rule that was broken, or null
 * @param message one line for a person
 */
public record ErrorBody(int status, String field, String rule, String message) {
    private static final ObjectMapper JSON = JsonMappers.output();
    /** Longest message sent back: a message quoting a huge value is cut here. */
    static final int MAX_MESSAGE_CHARS = 2_000;

    public ErrorBody {
        message = oneLine(message);
    }

    /**
     * What the client is told about {@code e}: a refusal with its field and rule for the client's mistakes (a spec
     * or request that breaks a rule, a status Javalin raised), or null when {@code e} is the server's own fault.
     */
    public static ErrorBody of(Exception e) {
        if (e instanceof ApiException) {
            ApiException a = (ApiException) e;
            return new ErrorBody(a.status(), a.field(), a.rule(), a.getMessage());
        }
        if (e instanceof SpecFormatException) {
            SpecFormatException f = (SpecFormatException) e;
            SpecValidationException rule = f.getCause() instanceof SpecValidationException
                    ? (SpecValidationException) f.getCause() : null;
            return new ErrorBody(400, f.path(), rule == null ? null : rule.rule(), f.getMessage());
        }
        if (e instanceof SpecValidationException) {
            SpecValidationException v = (SpecValidationException) e;
            String field = jsonPath(v.field());
            return new ErrorBody(400, field, v.rule(), field + ": " + v.getMessage());
        }
        if (e instanceof HttpResponseException) {
            HttpResponseException h = (HttpResponseException) e;
            return new ErrorBody(h.getStatus(), null, null, h.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            // the library validates arguments with messages naming field, value and rule, as the CLI trusts too
            return new ErrorBody(400, null, null, e.getMessage());
        }
        return null;
    }

    /** {@code $.job.batchSize} for a library field name ({@code job.batchSize}); a JSON path stays as it is. */
    public static String jsonPath(String field) {
        return field.startsWith("$") ? field : "$." + field;
    }

    /** The reason phrase of the status: {@code Bad Request}. */
    public String error() {
        HttpStatus s = HttpStatus.forStatus(status);
        return s == HttpStatus.UNKNOWN ? "Error" : s.getMessage();
    }

    public String json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", status);
        o.put("error", error());
        if (field != null) {
            o.put("field", field);
        }
        if (rule != null) {
            o.put("rule", oneLine(rule));
        }
        o.put("message", message);
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String oneLine(String text) {
        String m = text == null || text.isBlank() ? "no details" : text.strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl).strip();
        return m.length() > MAX_MESSAGE_CHARS ? m.substring(0, MAX_MESSAGE_CHARS) + "..." : m;
    }
}
