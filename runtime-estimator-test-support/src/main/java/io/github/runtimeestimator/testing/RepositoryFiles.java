package io.github.runtimeestimator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place where tests, benchmarks and build tools find data files. Everything a test needs lives inside
 * the repository ({@code datasets/}); a clone with nothing beside it has all of it. Public measurements from other
 * labs are read where they are kept, never copied into the repository, so tests that use them are optional:
 * {@link #publicDatasets()} is empty when they are absent and such a test skips with {@link #PUBLIC_DATA_ABSENT}.
 *
 * <p>The repository root is the system property {@value #ROOT_PROPERTY} (the parent POM sets it to Maven's
 * multi-module project directory for every test run), else the nearest directory at or above the working
 * directory holding both {@code datasets/} and a {@code pom.xml} of {@code runtime-estimator-parent}.
 */
public final class RepositoryFiles {
    /** System property naming the repository root. */
    public static final String ROOT_PROPERTY = "rte.repository.root";
    /** System property naming the public datasets directory (the one with {@code neusight-kernels/}). */
    public static final String PUBLIC_PROPERTY = "rte.public.datasets";
    /** The reason an optional test gives when it skips for want of the public data. */
    public static final String PUBLIC_DATA_ABSENT = "public datasets absent: optional test needs ../shared/datasets/"
            + "public beside the checkout (or -D" + PUBLIC_PROPERTY + "=DIR); they are never copied into the repository";

    private static final String PARENT_MARKER = "<artifactId>runtime-estimator-parent</artifactId>";

    private RepositoryFiles() {
    }

    /** The repository root. Fails with the directories it looked in when none is found. */
    public static Path root() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).toAbsolutePath().normalize();
            if (isRoot(p)) {
                return p;
            }
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path d = start; d != null; d = d.getParent()) {
            if (isRoot(d)) {
                return d;
            }
        }
        throw new IllegalStateException("not inside the runtime-estimator repository: no directory at or above " + start
                + " holds datasets/ and the parent pom.xml (set -D" + ROOT_PROPERTY + "=DIR)");
    }

    /** The repository's own {@code datasets/}: the measurements the shipped estimator is trained on. */
    public static Path datasets() {
        return root().resolve("datasets");
    }

    /** A file in the repository's {@code datasets/}; fails when it does not exist. */
    public static Path dataset(String fileName) {
        Path p = datasets().resolve(fileName);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no dataset file " + p);
        }
        return p;
    }

    /**
     * The public measurements of other labs ({@code neusight-kernels/}, {@code vidur-ops/}): the system property
     * {@value #PUBLIC_PROPERTY}, else {@code ../shared/datasets/public} beside the repository. Empty when absent.
     */
    public static Optional<Path> publicDatasets() {
        String property = System.getProperty(PUBLIC_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path parent = root().getParent();
        if (parent == null) {
            return Optional.empty();
        }
        Path beside = parent.resolve("shared").resolve("datasets").resolve("public");
        return Files.isDirectory(beside) ? Optional.of(beside) : Optional.empty();
    }

    private static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isDirectory(dir.resolve("datasets")) || !Files.isRegularFile(pom)) {
            return false;
        }
        try {
            return Files.readString(pom).contains(PARENT_MARKER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
