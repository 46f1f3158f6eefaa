package io.github.runtimeestimator.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Standard output or error as the commands write it, remembering the first write error. A {@link PrintWriter}
 * (what picocli hands the commands) swallows I/O errors, and so does {@code System.out}: a full disk or a closed
 * pipe would go unnoticed and the command would exit 0. {@link Main} asks {@link #failure()} after the command.
 */
final class CheckedOutput extends FilterOutputStream {
    private IOException failure;

    CheckedOutput(OutputStream out) {
        super(out);
    }

    /** An auto-flushing writer over this stream in {@code charset}, as picocli's own writers are. */
    PrintWriter writer(Charset charset) {
        return new PrintWriter(new OutputStreamWriter(this, charset), true);
    }

    /** The first write error, if any. */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
