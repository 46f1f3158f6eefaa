package io.github.runtimeestimator.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Invalid UTF-8 becomes U+FFFD and is recorded where it is; valid UTF-8 decodes as the JDK decodes it. */
class Utf8ReaderTest {
    private static String readAll(Reader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[7]; // small, so sequences straddle reads
        int n;
        while ((n = r.read(buf, 0, buf.length)) >= 0) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    @Test
    void badBytesAreReplacedAndLocated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("a,b\nok,é\nbad,x".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes("y\n".getBytes(StandardCharsets.UTF_8));
        Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(readAll(reader)).isEqualTo("a,b\nok,é\nbad,x\uFFFDy\n");
        assertThat(reader.malformations()).containsExactly(new Utf8Reader.Malformation(3, 6, "0xFF"));
        assertThat(reader.firstBetween(2, 2)).isEmpty();
        assertThat(reader.firstBetween(3, 3).orElseThrow().toString())
                .isEqualTo("invalid UTF-8 (byte 0xFF) at line 3, column 6");
        reader.forgetBefore(4);
        assertThat(reader.malformations()).isEmpty();
    }

    @Test
    void aLineOfManyBadBytesCostsOneRecord() throws IOException {
        byte[] input = new byte[1_000_001];
        java.util.Arrays.fill(input, (byte) 0xFF);
        input[input.length - 1] = '\n';
        Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(input));

        assertThat(readAll(reader)).hasSize(1_000_001);
        assertThat(reader.malformations()).containsExactly(new Utf8Reader.Malformation(1, 1, "0xFF"));
    }

    @Test
    void aTruncatedSequenceAtTheEndIsRecorded() throws IOException {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] input = {'x', euro[0], euro[1]};
        Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(input));

        assertThat(readAll(reader)).isEqualTo("x\uFFFD");
        assertThat(reader.malformations()).hasSize(1);
        assertThat(reader.malformations().get(0).line()).isEqualTo(1);
    }

    @Test
    void validTextOfEveryWidthDecodesLikeTheJdk() throws IOException {
        Random random = new Random(15);
        StringBuilder text = new StringBuilder();
        int[] samples = {'a', '\n', 'é', '€', 0x1F600, 'z', ','};
        for (int i = 0; i < 50_000; i++) {
            text.appendCodePoint(samples[random.nextInt(samples.length)]);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes));

        assertThat(readAll(reader)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(reader.malformations()).isEmpty();
    }
}
