package io.github.runtimeestimator.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes UTF-8 without failing on a bad byte: each malformed sequence becomes U+FFFD in the text and is
 * recorded with its 1-based line and column (in characters) and its bytes, so that a reader of rows can reject
 * the one row that holds it (naming file, line and column) and go on with the others. A plain
 * {@code Files.newBufferedReader} throws {@code MalformedInputException} on the first bad byte instead, which
 * loses the whole file and says neither where nor which row.
 *
 * <p>Only the first malformed sequence of a line is recorded, and a reader forgets the lines it has read
 * ({@link #forgetBefore}), so the records stay few whatever the input. Lines end at {@code '\n'}. Not
 * thread-safe (a {@link Reader}).
 *
 * <p>Internal: not part of the library's API.
 */
public final class Utf8Reader extends Reader {
    /** One malformed byte sequence: where it starts (1-based line and column) and its bytes in hex. */
    public record Malformation(long line, long column, String bytesHex) {
        @Override
        public String toString() {
            return "invalid UTF-8 (byte " + bytesHex + ") at line " + line + ", column " + column;
        }
    }

    private static final int BUFFER_BYTES = 8192;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES);
    private final List<Malformation> malformations = new ArrayList<>();
    private boolean endOfInput;
    private boolean flushed;
    private long line = 1;
    private long column = 1;

    public Utf8Reader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
        bytes.flip(); // empty, ready to be read from
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, cbuf.length);
        if (len == 0) {
            return 0;
        }
        if (flushed) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.hasRemaining() && !flushed) {
            int before = out.position();
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            track(cbuf, before, out.position());
            if (result.isError()) {
                if (!out.hasRemaining()) {
                    break; // the replacement goes into the next call
                }
                record(bytes, result.length());
                bytes.position(bytes.position() + result.length());
                out.put('\uFFFD');
                track(cbuf, out.position() - 1, out.position());
            } else if (result.isOverflow()) {
                break;
            } else if (endOfInput) {
                before = out.position();
                CoderResult last = decoder.flush(out);
                track(cbuf, before, out.position());
                if (last.isOverflow()) {
                    break;
                }
                flushed = true;
            } else if (out.position() > off && bytes.remaining() == 0 && in.available() <= 0) {
                break; // return what is decoded rather than block for more
            } else {
                fill();
            }
        }
        int produced = out.position() - off;
        return produced == 0 && flushed ? -1 : produced;
    }

    private void record(ByteBuffer buffer, int length) {
        if (!malformations.isEmpty() && malformations.get(malformations.size() - 1).line() == line) {
            return; // the first bad sequence names the line; a line of a billion bad bytes costs one record
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(String.format(Locale.ROOT, "0x%02X", buffer.get(buffer.position() + i) & 0xFF));
        }
        malformations.add(new Malformation(line, column, hex.toString()));
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void track(char[] cbuf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (cbuf[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    /** Every malformed sequence decoded so far, in order. */
    public List<Malformation> malformations() {
        return List.copyOf(malformations);
    }

    /** The first malformed sequence decoded so far on a line in {@code [fromLine, toLine]}. */
    public Optional<Malformation> firstBetween(long fromLine, long toLine) {
        for (Malformation m : malformations) {
            if (m.line() >= fromLine && m.line() <= toLine) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Forgets the malformed sequences on lines before {@code line} (rows already read). */
    public void forgetBefore(long line) {
        Iterator<Malformation> it = malformations.iterator();
        while (it.hasNext() && it.next().line() < line) {
            it.remove();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
