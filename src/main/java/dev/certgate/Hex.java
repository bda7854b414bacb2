package dev.certgate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Uppercase hexadecimal and the SHA-256 digest, both from the JDK alone. */
public final class Hex {

    private static final byte[] DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Never used itself, only cloned: clones share no state with it. */
    private static final MessageDigest SHA_256 = prototype();

    private Hex() {
    }

    private static MessageDigest prototype() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.clone(); // proves this provider's digests can be copied
            return digest;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            return null;
        }
    }

    /** Uppercase hex of {@code bytes}, no separators. */
    public static String encode(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** The SHA-256 digest of {@code bytes}. */
    public static byte[] sha256(byte[] bytes) {
        return newSha256().digest(bytes);
    }

    /**
     * A fresh SHA-256 digest: a copy of an unused prototype when the provider's digest can be
     * cloned (a few words of state, instead of a provider lookup and a reflective instantiation).
     */
    private static MessageDigest newSha256() {
        if (SHA_256 != null) {
            try {
                return (MessageDigest) SHA_256.clone();
            } catch (CloneNotSupportedException e) {
                // fall through: this provider's digests cannot be copied
            }
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
