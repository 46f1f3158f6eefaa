package io.github.runtimeestimator.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write is whole or absent: unique temporary files, atomic renames, nothing left behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> folder() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void writesAndReplacesAFile() throws IOException {
        Path target = dir.resolve("out.csv");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("second");
        assertThat(folder()).as("no temporary file is left").containsExactly(target);
    }

    @Test
    void aFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("model.rte"), "old");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(target).hasContent("old");
        assertThat(folder()).containsExactly(target);
    }

    @Test
    void aDirectoryIsNeverReplaced() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThatThrownBy(() -> AtomicFiles.write(sub, new byte[] {1})).hasMessageContaining("is a directory");
        assertThat(sub).isEmptyDirectory();
    }

    @Test
    void aMissingFolderIsNamed() {
        assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("no/such/folder/x.csv"), new byte[] {1}))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void anUnwritableFolderIsNamed() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(locked), "running as a user who can write anywhere (root)");
            assertThatThrownBy(() -> AtomicFiles.write(locked.resolve("x.csv"), new byte[] {1}))
                    .hasMessageContaining("is not writable");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void concurrentWritersOfOneTargetNeverMixTheirContent() throws Exception {
        Path target = dir.resolve("shared.rte");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<String> contents = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            contents.add(String.valueOf((char) ('a' + w)).repeat(200_000));
        }
        List<Future<?>> done = new ArrayList<>();
        for (String content : contents) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
                    String seen = Files.readString(target);
                    assertThat(contents).as("a reader sees one writer's whole file").contains(seen);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(contents).contains(Files.readString(target));
        assertThat(folder()).containsExactly(target);
    }
}
