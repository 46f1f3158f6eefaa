package io.github.runtimeestimator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The rules for a file a command writes ({@code --out}), checked before any work is done: never a directory,
 * never one of the command's own inputs, and an existing file is replaced only when the command is told so
 * ({@code --force}) or when it is an estimator artifact ({@code .rte}, which a retrain is expected to replace).
 * The write itself is atomic (the library's {@code AtomicFiles}).
 */
final class OutputFile {
    private OutputFile() {
    }

    /** Checks {@code out} against the rules; {@code inputs} are the command's input files (absent ones ignored). */
    static Path check(String option, Path out, boolean force, List<Path> inputs) {
        if (Files.isDirectory(out)) {
            throw new UserInputException(option + " " + out + " is a directory; name the file to write, e.g. "
                    + out.resolve("estimator.rte"));
        }
        for (Path in : inputs) {
            if (in != null && sameFile(out, in)) {
                throw new UserInputException(option + " " + out + " is also an input of this command (" + in
                        + "); write to another file");
            }
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !force && !isArtifact(out)) {
            throw new UserInputException(option + " " + out + " exists and is not an .rte artifact; add --force to"
                    + " replace it");
        }
        return out;
    }

    private static boolean isArtifact(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".rte");
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
