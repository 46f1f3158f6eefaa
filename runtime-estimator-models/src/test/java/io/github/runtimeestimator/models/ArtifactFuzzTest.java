package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.models.internal.DefaultEstimator;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 1,000 artifacts mutated with a fixed seed (bytes flipped, truncated, entries swapped between artifacts, manifest
 * fields edited, entries added, removed or reordered, payload arrays edited; with and without the checksums and
 * the manifest binding recomputed, so that mutations also reach the checks behind them). Each one either loads
 * and predicts finite, positive values on real dataset rows, or is refused with an
 * {@link ArtifactFormatException}; any other outcome (another exception, a hang, a crash) fails the build.
 */
class ArtifactFuzzTest {
    private static final long SEED = 20_261_202L;
    private static final int ARTIFACTS = 1_000;
    private static final String STEP = "regressors/step.bin";

    /** How an artifact is broken. */
    enum Mutation {
        FLIP_BYTES, TRUNCATE, SWAP_ENTRY, SWAP_ENTRY_REHASHED, EDIT_MANIFEST, EDIT_MANIFEST_REBOUND,
        ADD_ENTRY, REMOVE_OR_REORDER, FLIP_PAYLOAD_REHASHED, EDIT_PAYLOAD_ARRAY_REHASHED, DUPLICATE_KEY_REBOUND
    }

    @Test
    void everyMutatedArtifactPredictsFinitePositiveValuesOrIsRefused() throws IOException {
        List<byte[]> bases = new ArrayList<>();
        try (InputStream in = DefaultEstimator.class.getResourceAsStream(DefaultEstimator.RESOURCE)) {
            bases.add(in.readAllBytes());
        }
        for (TrainedEstimator e : SyntheticEstimators.all(5)) {
            bases.add(EstimatorArtifact.toBytes(e));
        }
        List<WorkloadSpec> queries = SyntheticEstimators.queries(25, 8);
        for (byte[] base : bases) {
            assertThat(predictAll(EstimatorArtifact.read(base, "base", EstimatorArtifact::featureSet), queries))
                    .isNull();
        }

        Random random = new Random(SEED);
        Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class); // {refused, loaded}
        for (Mutation m : Mutation.values()) {
            outcomes.put(m, new int[2]);
        }
        for (int i = 0; i < ARTIFACTS; i++) {
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            byte[] base = bases.get(random.nextInt(bases.size()));
            byte[] other = bases.get(random.nextInt(bases.size()));
            byte[] mutated = mutate(mutation, base, other, random);
            TrainedEstimator est;
            try {
                est = EstimatorArtifact.read(mutated, "fuzz-" + i + ".rte", EstimatorArtifact::featureSet);
            } catch (ArtifactFormatException refused) {
                assertThat(refused.getMessage()).startsWith("fuzz-" + i + ".rte");
                outcomes.get(mutation)[0]++;
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("artifact " + i + " (" + mutation + ") failed with " + e, e);
            }
            String problem = predictAll(est, queries);
            if (problem != null) {
                fail("artifact %d (%s) loaded but %s", i, mutation, problem);
            }
            if (UNBOUND.contains(mutation) && !sameContent(mutated, base)) {
                fail("artifact %d (%s) loaded although the content of an entry changed, without its checksums"
                        + " recomputed", i, mutation);
            }
            outcomes.get(mutation)[1]++;
        }

        StringBuilder summary = new StringBuilder();
        int refused = 0;
        int loaded = 0;
        for (Map.Entry<Mutation, int[]> e : outcomes.entrySet()) {
            summary.append(e.getKey()).append(": ").append(e.getValue()[0]).append(" refused, ")
                    .append(e.getValue()[1]).append(" loaded; ");
            refused += e.getValue()[0];
            loaded += e.getValue()[1];
        }
        assertThat(refused + loaded).isEqualTo(ARTIFACTS);
        // every mutation was tried, and most of those that leave checksums alone were refused (the rest changed
        // nothing the reader reads: a zip time stamp, the central directory, an entry swapped with itself)
        for (Mutation m : UNBOUND) {
            assertThat(outcomes.get(m)[0]).as(m + ": " + summary).isGreaterThan(outcomes.get(m)[1]);
        }
        // the rebound ones must reach the field rules: some pass them (harmless edits), some do not
        assertThat(outcomes.get(Mutation.EDIT_MANIFEST_REBOUND)[0]).as(summary.toString()).isPositive();
        assertThat(outcomes.get(Mutation.EDIT_MANIFEST_REBOUND)[1]).as(summary.toString()).isPositive();
        assertThat(outcomes.get(Mutation.EDIT_PAYLOAD_ARRAY_REHASHED)[0]).as(summary.toString()).isPositive();
        assertThat(outcomes.get(Mutation.EDIT_PAYLOAD_ARRAY_REHASHED)[1]).as(summary.toString()).isPositive();
    }

    /** The mutations that recompute no checksum: whatever they change in an entry's content must be refused. */
    private static final java.util.Set<Mutation> UNBOUND = java.util.EnumSet.of(Mutation.FLIP_BYTES,
            Mutation.TRUNCATE, Mutation.SWAP_ENTRY, Mutation.EDIT_MANIFEST, Mutation.ADD_ENTRY,
            Mutation.REMOVE_OR_REORDER);

    /** Whether two zips hold the same entries, names and bytes in the same order. */
    private static boolean sameContent(byte[] a, byte[] b) {
        LinkedHashMap<String, byte[]> x;
        try {
            x = ArtifactSurgery.entries(a);
        } catch (RuntimeException unreadable) {
            return false;
        }
        LinkedHashMap<String, byte[]> y = ArtifactSurgery.entries(b);
        if (!new ArrayList<>(x.keySet()).equals(new ArrayList<>(y.keySet()))) {
            return false;
        }
        for (String k : x.keySet()) {
            if (!Arrays.equals(x.get(k), y.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** Null when every prediction is finite and positive with ordered bounds, else what is wrong. */
    private static String predictAll(TrainedEstimator est, List<WorkloadSpec> queries) {
        for (WorkloadSpec spec : queries) {
            Estimate e;
            try {
                e = est.predict(spec);
            } catch (RuntimeException ex) {
                return "predict threw " + ex;
            }
            boolean ok = e.seconds() > 0 && Double.isFinite(e.seconds()) && e.lowerSeconds() > 0
                    && e.lowerSeconds() <= e.seconds() && Double.isFinite(e.upperSeconds())
                    && e.upperSeconds() >= e.seconds() && e.secondsPerStep() > 0
                    && Double.isFinite(e.secondsPerStep());
            if (!ok) {
                return "predicted " + e;
            }
        }
        return null;
    }

    static byte[] mutate(Mutation mutation, byte[] base, byte[] other, Random r) {
        switch (mutation) {
            case FLIP_BYTES: {
                byte[] b = base.clone();
                for (int k = 1 + r.nextInt(8); k > 0; k--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
                return b;
            }
            case TRUNCATE:
                return Arrays.copyOf(base, r.nextInt(base.length));
            case SWAP_ENTRY:
            case SWAP_ENTRY_REHASHED: {
                String name = r.nextInt(4) == 0 ? ArtifactSurgery.MANIFEST : STEP;
                byte[] foreign = ArtifactSurgery.entries(other).get(name);
                return ArtifactSurgery.editEntries(base, e -> e.put(name, foreign),
                        mutation == Mutation.SWAP_ENTRY_REHASHED);
            }
            case EDIT_MANIFEST:
            case EDIT_MANIFEST_REBOUND:
                return ArtifactSurgery.editManifest(base, m -> editRandomField(m, r),
                        mutation == Mutation.EDIT_MANIFEST_REBOUND);
            case ADD_ENTRY: {
                String[] names = {"padding.bin", "regressors/extra.bin", "model.tribuo.pb", "../escape",
                        ArtifactSurgery.MANIFEST, STEP, "regressors/"};
                String name = names[r.nextInt(names.length)];
                byte[] content = new byte[r.nextInt(2_000)];
                r.nextBytes(content);
                boolean first = r.nextBoolean();
                return ArtifactSurgery.zip(insert(ArtifactSurgery.entries(base), name, content, first));
            }
            case REMOVE_OR_REORDER: {
                LinkedHashMap<String, byte[]> entries = ArtifactSurgery.entries(base);
                LinkedHashMap<String, byte[]> out = new LinkedHashMap<>();
                List<String> names = new ArrayList<>(entries.keySet());
                if (r.nextBoolean()) {
                    names.remove(r.nextInt(names.size()));
                } else {
                    java.util.Collections.reverse(names);
                }
                for (String n : names) {
                    out.put(n, entries.get(n));
                }
                return ArtifactSurgery.zip(out);
            }
            case FLIP_PAYLOAD_REHASHED:
                return ArtifactSurgery.editEntries(base, e -> {
                    byte[] entry = e.get(STEP).clone();
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        entry[32 + r.nextInt(entry.length - 32)] ^= (byte) (1 + r.nextInt(255));
                    }
                    e.put(STEP, entry);
                }, true);
            case EDIT_PAYLOAD_ARRAY_REHASHED:
                return ArtifactSurgery.editEntries(base, e -> e.put(STEP, editRandomArrayElement(e.get(STEP), r)),
                        true);
            default: // DUPLICATE_KEY_REBOUND
                return ArtifactSurgery.editManifestText(base, t -> {
                    String[] keys = {"\"seed\"", "\"target\"", "\"perStepFraction\"", "\"scales\"", "\"evaluator\""};
                    String key = keys[r.nextInt(keys.length)];
                    int at = t.indexOf(key);
                    return at < 0 ? t : t.substring(0, at) + key + " : 0, " + t.substring(at);
                }, true);
        }
    }

    private static LinkedHashMap<String, byte[]> insert(LinkedHashMap<String, byte[]> entries, String name,
                                                        byte[] content, boolean first) {
        LinkedHashMap<String, byte[]> out = new LinkedHashMap<>();
        if (first) {
            out.put(name, content);
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        if (!first) {
            out.put(name + (out.containsKey(name) ? "2" : ""), content);
        }
        return out;
    }

    private static final JsonNode[] HOSTILE = {
        JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(-1),
        JsonNodeFactory.instance.numberNode(1), JsonNodeFactory.instance.numberNode(3),
        JsonNodeFactory.instance.numberNode(0.5), JsonNodeFactory.instance.numberNode(-0.5),
        JsonNodeFactory.instance.numberNode(1e308), JsonNodeFactory.instance.numberNode(-1e308),
        JsonNodeFactory.instance.numberNode(1e-320), JsonNodeFactory.instance.numberNode(1e-12),
        JsonNodeFactory.instance.numberNode(100.0), JsonNodeFactory.instance.numberNode(1e9),
        JsonNodeFactory.instance.numberNode(Integer.MAX_VALUE), JsonNodeFactory.instance.numberNode(Long.MIN_VALUE),
        JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.textNode("LOG_SECONDS"),
        JsonNodeFactory.instance.textNode("SECONDS"), JsonNodeFactory.instance.textNode("physics"),
        JsonNodeFactory.instance.textNode("seed"), JsonNodeFactory.instance.textNode("knn"),
        JsonNodeFactory.instance.textNode("step"), JsonNodeFactory.instance.textNode("x".repeat(5_000)),
        JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.nullNode(),
        JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(),
    };

    /** Replaces, removes or adds one field (or array element) anywhere in the manifest. */
    static void editRandomField(ObjectNode manifest, Random r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(manifest, containers);
        JsonNode container = containers.get(r.nextInt(containers.size()));
        int action = r.nextInt(10);
        if (container instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || action == 0) {
                o.set("unexpected" + r.nextInt(3), HOSTILE[r.nextInt(HOSTILE.length)]);
                return;
            }
            String name = names.get(r.nextInt(names.size()));
            if (action == 1) {
                o.remove(name);
            } else {
                o.set(name, value(o.get(name), r));
            }
        } else {
            ArrayNode a = (ArrayNode) container;
            if (a.isEmpty() || action == 0) {
                a.add(HOSTILE[r.nextInt(HOSTILE.length)]);
                return;
            }
            int index = r.nextInt(a.size());
            if (action == 1) {
                a.remove(index);
            } else {
                a.set(index, value(a.get(index), r));
            }
        }
    }

    /** Mostly a plausible edit of the same type (a number scaled, a sign flipped), else a hostile value. */
    private static JsonNode value(JsonNode current, Random r) {
        if (current.isNumber() && r.nextBoolean()) {
            double v = current.asDouble();
            double[] factors = {-1, 0, 2, 10, 100, 1e-3, 1e6, 1.0000001};
            return JsonNodeFactory.instance.numberNode(v * factors[r.nextInt(factors.length)]);
        }
        if (current.isTextual() && r.nextBoolean()) {
            String t = current.asText();
            return JsonNodeFactory.instance.textNode(t.isEmpty() ? "x" : t.substring(0, t.length() - 1)
                    + (char) ('a' + r.nextInt(26)));
        }
        return HOSTILE[r.nextInt(HOSTILE.length)];
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    /** Sets one element of one payload array to a hostile value (an index, a bound, NaN, infinity, a huge value). */
    static byte[] editRandomArrayElement(byte[] entry, Random r) {
        byte[] out = entry.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.position(32 + 8);
        List<int[]> arrays = new ArrayList<>(); // type, offset, count
        while (b.remaining() >= 2) {
            byte type = b.get();
            int nameLength = b.get();
            b.position(b.position() + nameLength);
            int count = b.getInt();
            arrays.add(new int[] {type, b.position(), count});
            b.position(b.position() + count * (type == 3 ? 8 : 4));
        }
        int[] a = arrays.get(r.nextInt(arrays.size()));
        if (a[2] == 0) {
            return out;
        }
        int at = a[1] + r.nextInt(a[2]) * (a[0] == 3 ? 8 : 4);
        switch (a[0]) {
            case 1: {
                int[] values = {-2, -1, 0, 1, a[2], a[2] - 1, Integer.MAX_VALUE, Integer.MIN_VALUE,
                        b.getInt(at) + 1, (at - a[1]) / 4};
                b.putInt(at, values[r.nextInt(values.length)]);
                break;
            }
            case 2: {
                float[] values = {Float.NaN, Float.POSITIVE_INFINITY, -Float.MAX_VALUE, 1e30f, 1e31f, 0f, -0f,
                        b.getFloat(at) * 2, b.getFloat(at) + 1};
                b.putFloat(at, values[r.nextInt(values.length)]);
                break;
            }
            default: {
                double[] values = {Double.NaN, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, 1e30, 1e31, 1e-300, 0,
                        -b.getDouble(at), b.getDouble(at) * 1e6};
                b.putDouble(at, values[r.nextInt(values.length)]);
            }
        }
        return out;
    }

    @Test
    void theMutatorsProduceWhatTheyClaim() {
        byte[] base = EstimatorArtifact.toBytes(SyntheticEstimators.tree(1));
        Random r = new Random(1);
        byte[] added = mutate(Mutation.ADD_ENTRY, base, base, r);
        assertThat(ArtifactSurgery.entries(added).size()).isGreaterThanOrEqualTo(2);
        byte[] edited = mutate(Mutation.EDIT_MANIFEST, base, base, r);
        assertThat(new String(ArtifactSurgery.entries(edited).get("manifest.json"), StandardCharsets.UTF_8))
                .isNotEqualTo(new String(ArtifactSurgery.entries(base).get("manifest.json"), StandardCharsets.UTF_8));
    }
}
