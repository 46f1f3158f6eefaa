package io.github.runtimeestimator.training.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns Tribuo's java.util.logging chatter (per-tree and per-epoch INFO lines) down to warnings. */
public final class TribuoLogging {
    // JUL keeps loggers weakly: hold them, or a GC resets the level.
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");
    private static final Logger OLCUT = Logger.getLogger("com.oracle.labs.mlrg.olcut");

    static {
        TRIBUO.setLevel(Level.WARNING);
        OLCUT.setLevel(Level.WARNING);
    }

    private TribuoLogging() {
    }

    /** Makes sure the levels are set (class initialisation does it once). */
    public static void quiet() {
        // the static initialiser did the work
    }
}
