package io.github.runtimeestimator.core.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Writes files so that nobody ever sees a partial one: the content goes to a new temporary file with a unique
 * name in the target's own folder, is forced to the disk, and is then renamed over the target in one atomic
 * step. A reader sees the old file or the new one; two writers of the same target never share a temporary
 * file (the last rename wins, both files are whole); a failed write leaves the target untouched and removes
 * its temporary file.
 *
 * <p>The temporary file is created like any new file (the process's default permissions), so the target
 * ends up with the permissions a plain write would have given it. A target that is a directory is refused. The
 * folder must exist. A symbolic link at the target is replaced by the file, not followed.
 *
 * <p>Internal: not part of the library's API; the one place every module writes files through.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NAME_ATTEMPTS = 100;

    /** Writes content to a stream; the stream is closed by {@link AtomicFiles}, not by the writer. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code bytes}, atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    /** Replaces {@code target} with what {@code writer} writes, atomically. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(writer, "writer");
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a directory, not a file");
        }
        Path tmp = createTemporarySibling(target);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A new, empty file next to {@code target}: {@code .name.<random>.tmp}. */
    static Path createTemporarySibling(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": folder " + dir + " does not exist");
        }
        String name = String.valueOf(absolute.getFileName());
        IOException last = null;
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                last = e;
            } catch (AccessDeniedException e) {
                throw new IOException("cannot write " + target + ": folder " + dir + " is not writable", e);
            }
        }
        throw new IOException("cannot create a temporary file next to " + target, last);
    }
}
