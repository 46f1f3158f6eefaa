package io.github.runtimeestimator.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command line's own logging choice: Tribuo and OLCUT log every tree and epoch at INFO through
 * java.util.logging, which would bury the CLI's output. An application may set logging levels; the library may
 * not, so this lives here and not in the training module (which leaves logging as its embedder configured it).
 */
final class QuietLibraries {
    // JUL holds loggers weakly: keep them, or a collection resets the level.
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");
    private static final Logger OLCUT = Logger.getLogger("com.oracle.labs.mlrg.olcut");

    private QuietLibraries() {
    }

    /** Sets Tribuo's and OLCUT's loggers to warnings and above (idempotent). */
    static void apply() {
        TRIBUO.setLevel(Level.WARNING);
        OLCUT.setLevel(Level.WARNING);
    }
}
