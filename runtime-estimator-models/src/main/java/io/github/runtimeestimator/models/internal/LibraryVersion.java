package io.github.runtimeestimator.models.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The runtime-estimator version, from a resource Maven fills in at build time. */
public final class LibraryVersion {
    private static final String VERSION = read();

    private LibraryVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("/io/github/runtimeestimator/models/library.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
