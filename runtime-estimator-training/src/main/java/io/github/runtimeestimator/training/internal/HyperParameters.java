package io.github.runtimeestimator.training.internal;

import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trainer's hyper-parameters: the user's String map over the trainer's documented defaults, read as typed
 * values. Unknown keys and unparsable or out-of-range values fail with a {@link SpecValidationException}
 * naming {@code hyperParameters.<key>}, the value and the rule.
 */
public final class HyperParameters {
    private final String trainer;
    private final Map<String, String> values;

    private HyperParameters(String trainer, Map<String, String> values) {
        this.trainer = trainer;
        this.values = values;
    }

    /** The defaults of {@code trainer} overridden by {@code given}; any key not in the defaults is refused. */
    public static HyperParameters of(String trainer, Map<String, String> defaults, Map<String, String> given) {
        Map<String, String> merged = new TreeMap<>(defaults);
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new SpecValidationException("hyperParameters." + e.getKey(), e.getValue(),
                        "is not a hyper-parameter of trainer " + trainer + "; known: " + defaults.keySet());
            }
            merged.put(e.getKey(), e.getValue());
        }
        return new HyperParameters(trainer, merged);
    }

    /** Every value, defaults included, sorted by key: what the manifest records. */
    public Map<String, String> resolved() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public int intValue(String key, int min, int max) {
        String raw = raw(key);
        int v;
        try {
            v = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "must be an integer in [" + min + ", " + max + "]");
        }
        if (v < min || v > max) {
            throw invalid(key, raw, "must be an integer in [" + min + ", " + max + "]");
        }
        return v;
    }

    public double doubleValue(String key, double min, double max) {
        String raw = raw(key);
        double v;
        try {
            v = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "must be a number in [" + min + ", " + max + "]");
        }
        if (!(v >= min && v <= max)) {
            throw invalid(key, raw, "must be a number in [" + min + ", " + max + "]");
        }
        return v;
    }

    public boolean booleanValue(String key) {
        String raw = raw(key).trim();
        if ("true".equalsIgnoreCase(raw)) {
            return true;
        }
        if ("false".equalsIgnoreCase(raw)) {
            return false;
        }
        throw invalid(key, raw, "must be true or false");
    }

    private String raw(String key) {
        String raw = values.get(key);
        if (raw == null) {
            throw new IllegalStateException("trainer " + trainer + " has no default for " + key);
        }
        return raw;
    }

    private SpecValidationException invalid(String key, String raw, String rule) {
        return new SpecValidationException("hyperParameters." + key, raw, rule + " (trainer " + trainer + ")");
    }
}
