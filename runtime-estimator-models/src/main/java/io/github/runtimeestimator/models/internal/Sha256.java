package io.github.runtimeestimator.models.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests, raw and as lower-case hex. */
public final class Sha256 {
    /** Bytes of a digest. */
    public static final int BYTES = 32;

    private Sha256() {
    }

    /** The digest of {@code bytes[offset, offset + length)}. */
    public static byte[] of(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The digest of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** The digest of {@code bytes[offset, offset + length)} as 64 lower-case hex digits. */
    public static String hex(byte[] bytes, int offset, int length) {
        return HexFormat.of().formatHex(of(bytes, offset, length));
    }

    /** The digest of {@code bytes} as 64 lower-case hex digits. */
    public static String hex(byte[] bytes) {
        return hex(bytes, 0, bytes.length);
    }
}
