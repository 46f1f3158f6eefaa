package io.github.runtimeestimator.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Takes artifacts apart and puts them back together, as someone editing one by hand would: entries in order,
 * the manifest as text or as a JSON tree, and (when asked) the checksums and the manifest binding recomputed
 * so that the edit reaches the checks behind them. Written from the format's documentation, independently of
 * the library's reader and writer.
 */
final class ArtifactSurgery {
    static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ArtifactSurgery() {
    }

    /** The entries of a zip, in order. */
    static LinkedHashMap<String, byte[]> entries(byte[] zip) {
        LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A zip of {@code entries}, in order. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The artifact with its entries edited; with {@code rehash}, checksums and binding recomputed after. */
    static byte[] editEntries(byte[] artifact, Consumer<LinkedHashMap<String, byte[]>> edit, boolean rehash) {
        LinkedHashMap<String, byte[]> entries = entries(artifact);
        edit.accept(entries);
        if (rehash) {
            rehash(entries);
        }
        return zip(entries);
    }

    /** The artifact with its manifest text edited; with {@code rehash}, the binding recomputed after. */
    static byte[] editManifestText(byte[] artifact, UnaryOperator<String> edit, boolean rehash) {
        return editEntries(artifact, entries -> {
            String text = new String(entries.get(MANIFEST), StandardCharsets.UTF_8);
            entries.put(MANIFEST, edit.apply(text).getBytes(StandardCharsets.UTF_8));
            if (rehash) {
                rebind(entries);
            }
        }, false);
    }

    /** The artifact with its manifest tree edited; with {@code rehash}, the binding recomputed after. */
    static byte[] editManifest(byte[] artifact, Consumer<ObjectNode> edit, boolean rehash) {
        return editEntries(artifact, entries -> {
            ObjectNode manifest = manifest(entries);
            edit.accept(manifest);
            entries.put(MANIFEST, write(manifest));
            if (rehash) {
                rebind(entries);
            }
        }, false);
    }

    static ObjectNode manifest(Map<String, byte[]> entries) {
        try {
            return (ObjectNode) JSON.readTree(entries.get(MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(JsonNode manifest) {
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Recomputes, for every regressor the manifest lists whose entry is present, the manifest's {@code bytes} and
     * {@code sha256} (of the payload after the first 32 bytes), then the binding ({@link #rebind}).
     */
    static void rehash(LinkedHashMap<String, byte[]> entries) {
        if (!entries.containsKey(MANIFEST)) {
            return;
        }
        ObjectNode manifest;
        try {
            manifest = manifest(entries);
        } catch (RuntimeException notJson) {
            return;
        }
        java.util.List<JsonNode> refs = new java.util.ArrayList<>();
        manifest.path("regressors").forEach(refs::add);
        manifest.path("operatorModel").path("families").forEach(refs::add);
        for (JsonNode r : refs) {
            byte[] entry = entries.get(r.path("entry").asText());
            if (entry != null && entry.length >= 32 && r instanceof ObjectNode o) {
                o.put("bytes", entry.length);
                o.put("sha256", hex(sha256(entry, 32, entry.length - 32)));
            }
        }
        entries.put(MANIFEST, write(manifest));
        rebind(entries);
    }

    /**
     * Writes the SHA-256 of the current manifest into the first 32 bytes of every regressor and operator-family
     * entry.
     */
    static void rebind(LinkedHashMap<String, byte[]> entries) {
        byte[] manifest = entries.get(MANIFEST);
        if (manifest == null) {
            return;
        }
        byte[] sha = sha256(manifest, 0, manifest.length);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if ((e.getKey().startsWith("regressors/") || e.getKey().startsWith("operators/"))
                    && e.getValue().length >= 32) {
                byte[] bound = e.getValue().clone();
                System.arraycopy(sha, 0, bound, 0, 32);
                e.setValue(bound);
            }
        }
    }

    static byte[] sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, offset, length);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
