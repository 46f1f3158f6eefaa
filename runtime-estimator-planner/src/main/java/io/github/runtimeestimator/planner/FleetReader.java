package io.github.runtimeestimator.planner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.catalog.UnknownHardwareException;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.io.SpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a fleet file: a queue of jobs and the pools of devices you own.
 *
 * <pre>{@code
 * {"formatVersion": 1,
 *  "jobs": [{"id": "bert-finetune", "spec": "specs/bert.json", "deadline": "2h", "budget": 40},
 *           {"id": "resnet", "spec": {...a workload spec...}, "deadline": "1d"}],
 *  "pool": [{"id": "lab-a100", "hardware": "nvidia-a100-sxm-80gb", "count": 8, "devicesPerNode": 8,
 *            "pricePerDeviceHour": 0, "currency": "USD", "deviceLink": "auto"}]}
 * }</pre>
 * A job's {@code spec} is a workload spec object or the path of a spec file, relative to the fleet file. Fields:
 * jobs: {@code id}, {@code spec}, {@code deadline} (required; {@link Durations#parse}), {@code budget}; pool:
 * {@code id}, {@code hardware}, {@code count}, {@code currency} (required), {@code devicesPerNode} (default: all),
 * {@code pricePerDeviceHour} (default 0), {@code deviceLink} (default auto). Unknown fields are refused. Any bad
 * field fails the whole file, naming the entry and the field: a plan for part of a queue would mislead.
 */
public final class FleetReader {
    /** The fleet file format this version reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = JsonMappers.strict();
    private static final Set<String> ROOT = Set.of("formatVersion", "jobs", "pool");
    private static final Set<String> JOB = Set.of("id", "spec", "deadline", "budget");
    private static final Set<String> POOL = Set.of("id", "hardware", "count", "devicesPerNode", "pricePerDeviceHour",
            "currency", "deviceLink");

    private final HardwareCatalog hardware;
    private final ModelCatalog models;

    /**
     * A reader that resolves hardware and model names against the given catalogues.
     *
     * @param hardware the hardware catalogue that pool hardware ids and job specs are resolved against, not null
     * @param models   the model catalogue that job specs are resolved against, not null
     */
    public FleetReader(HardwareCatalog hardware, ModelCatalog models) {
        this.hardware = Objects.requireNonNull(hardware, "hardware");
        this.models = Objects.requireNonNull(models, "models");
    }

    /**
     * The jobs and pools of a fleet file.
     *
     * @param jobs  the jobs, in file order
     * @param pools the owned pools, in file order; empty when the file has none
     */
    public record Fleet(List<FleetJob> jobs, List<OwnedPool> pools) {
        /**
         * Copies {@code jobs} and {@code pools} (neither null) into unmodifiable lists.
         *
         * @param jobs  the jobs, in file order
         * @param pools the owned pools, in file order
         */
        public Fleet {
            jobs = List.copyOf(jobs);
            pools = List.copyOf(pools);
        }
    }

    /**
     * Reads {@code file}.
     *
     * @param file the fleet file; a job's spec path is resolved against its folder
     * @return the jobs and pools it lists
     * @throws IOException with the file, entry and field named, when it cannot be read or breaks a rule
     */
    public Fleet read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage() + JsonMappers.whereOf(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": a fleet file is a JSON object {\"formatVersion\": 1, \"jobs\": [...],"
                    + " \"pool\": [...]}");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.canConvertToInt() || version.asInt() != FORMAT_VERSION) {
            throw new IOException(file + ": fleet formatVersion " + version + " is not supported; this library reads"
                    + " formatVersion " + FORMAT_VERSION);
        }
        known(root, ROOT, file + ": ");
        Path dir = file.toAbsolutePath().getParent();
        List<FleetJob> jobs = new ArrayList<>();
        for (JsonNode j : array(root, "jobs", file)) {
            String where = file + ": jobs[" + jobs.size() + "]: ";
            jobs.add(job(j, dir, where));
        }
        List<OwnedPool> pools = new ArrayList<>();
        JsonNode pool = root.get("pool");
        if (pool != null) {
            for (JsonNode p : array(root, "pool", file)) {
                pools.add(pool(p, file + ": pool[" + pools.size() + "]: "));
            }
        }
        return new Fleet(jobs, pools);
    }

    private static Iterable<JsonNode> array(JsonNode root, String key, Path file) throws IOException {
        JsonNode a = root.get(key);
        if (a == null || !a.isArray()) {
            throw new IOException(file + ": \"" + key + "\" must be an array");
        }
        return a;
    }

    private FleetJob job(JsonNode j, Path dir, String where) throws IOException {
        if (!j.isObject()) {
            throw new IOException(where + "a job must be a JSON object");
        }
        known(j, JOB, where);
        try {
            String id = text(j, "id", where);
            JsonNode spec = j.get("spec");
            WorkloadSpec workload;
            if (spec == null || spec.isNull()) {
                throw new IOException(where + "spec is required: a workload spec object or the path of a spec file");
            } else if (spec.isTextual()) {
                Path specFile = dir.resolve(spec.asText());
                if (!Files.isRegularFile(specFile)) {
                    throw new IOException(where + "spec file " + specFile + " does not exist or is not a file");
                }
                workload = SpecJson.readWorkload(specFile, hardware, models);
            } else if (spec.isObject()) {
                workload = SpecJson.readWorkload(JSON.writeValueAsString(spec), hardware, models);
            } else {
                throw new IOException(where + "spec must be a workload spec object or the path of a spec file");
            }
            Duration deadline = Durations.parse("deadline", text(j, "deadline", where));
            if (deadline.isZero() || deadline.isNegative()) {
                throw new SpecValidationException("deadline", Durations.format(deadline), "must be > 0");
            }
            JsonNode budget = j.get("budget");
            if (budget != null && !budget.isNull() && !budget.isNumber()) {
                throw new SpecValidationException("budget", budget.asText(), "must be a number");
            }
            return new FleetJob(id, workload, deadline, budget == null || budget.isNull() ? null : budget.asDouble());
        } catch (RuntimeException e) {
            throw new IOException(where + e.getMessage(), e);
        }
    }

    private OwnedPool pool(JsonNode p, String where) throws IOException {
        if (!p.isObject()) {
            throw new IOException(where + "a pool must be a JSON object");
        }
        known(p, POOL, where);
        try {
            String hardwareId = text(p, "hardware", where);
            HardwareSpec hw = hardware.find(hardwareId).orElseThrow(() -> new UnknownHardwareException("hardware",
                    hardwareId, hardware.closeIds(hardwareId)));
            return new OwnedPool(text(p, "id", where), hw, whole(p, "count", -1, where),
                    whole(p, "devicesPerNode", 0, where), number(p, "pricePerDeviceHour", where),
                    text(p, "currency", where),
                    p.has("deviceLink") ? DeviceLink.fromId("deviceLink", p.get("deviceLink").asText()) : null);
        } catch (RuntimeException e) {
            throw new IOException(where + e.getMessage(), e);
        }
    }

    private static void known(JsonNode node, Set<String> fields, String where) throws IOException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!fields.contains(n)) {
                throw new IOException(where + n + " is not a known field; known fields: "
                        + String.join(", ", fields.stream().sorted().toList()));
            }
        }
    }

    private static String text(JsonNode n, String field, String where) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IOException(where + field + " is required (text)");
        }
        return v.asText().trim();
    }

    private static int whole(JsonNode n, String field, int absent, String where) throws IOException {
        JsonNode v = n.get(field);
        if (v == null) {
            if (absent < 0) {
                throw new IOException(where + field + " is required (a whole number)");
            }
            return absent;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IOException(where + field + " = " + v + ": must be a whole number");
        }
        return v.asInt();
    }

    private static double number(JsonNode n, String field, String where) throws IOException {
        JsonNode v = n.get(field);
        if (v == null) {
            return 0;
        }
        if (!v.isNumber()) {
            throw new IOException(where + field + " = " + v + ": must be a number");
        }
        return v.asDouble();
    }
}
