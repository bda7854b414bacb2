package dev.certgate.binding;

import dev.certgate.ClientCertificate;
import dev.certgate.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The RFC 8705 section 3.1 {@code x5t#S256} thumbprint of a certificate: base64url without
 * padding (RFC 4648 section 5) of the SHA-256 of its DER encoding, always 43 characters.
 *
 * <p>{@link #matches} compares a token's value with this one as strings, in constant time. It
 * never decodes the token's value: a decoder that ignores the unused bits of the last character
 * would accept several spellings of one digest (RFC 8705's own example, {@code ...N-dg2}, is such
 * a non-canonical spelling), and only the canonical one is what the authorization server computed.
 *
 * @param value the 43-character thumbprint
 */
public record CertificateThumbprint(String value) {

    /** The length of a base64url-encoded SHA-256 digest without padding. */
    public static final int LENGTH = 43;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public CertificateThumbprint {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("an x5t#S256 thumbprint is " + LENGTH + " base64url characters");
        }
    }

    /** The thumbprint of {@code certificate}'s DER encoding. */
    public static CertificateThumbprint of(X509Certificate certificate) {
        try {
            return ofSha256(Hex.sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate has no DER encoding", e);
        }
    }

    /** The thumbprint of a certificate whose SHA-256 digest is {@code digest} (32 bytes). */
    public static CertificateThumbprint ofSha256(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
        }
        return new CertificateThumbprint(BASE64URL.encodeToString(digest));
    }

    /**
     * The thumbprint of a certificate known only by its SHA-256 fingerprint in hex (64 digits,
     * either case), as hash-only sources give it: Envoy's XFCC {@code Hash}, a proxy's fingerprint header.
     */
    public static CertificateThumbprint ofHexFingerprint(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 64 hex digits, not " + hex.length() + " characters");
        }
        byte[] digest = new byte[32];
        for (int i = 0; i < 32; i++) {
            digest[i] = (byte) (digit(hex.charAt(2 * i)) << 4 | digit(hex.charAt(2 * i + 1)));
        }
        return ofSha256(digest);
    }

    /**
     * The thumbprint of a normalized certificate: from the parsed certificate when the source
     * carried one, else from its SHA-256 fingerprint; empty when the source knew neither (a
     * DN-only header source, say), since then nothing can prove a binding.
     */
    public static Optional<CertificateThumbprint> of(ClientCertificate certificate) {
        if (certificate.certificate() != null) {
            return Optional.of(of(certificate.certificate()));
        }
        String fingerprint = certificate.fingerprint256();
        return fingerprint == null ? Optional.empty() : Optional.of(ofHexFingerprint(fingerprint));
    }

    /**
     * Whether a token's {@code x5t#S256} value is exactly this thumbprint. Constant time in the
     * content ({@link MessageDigest#isEqual}); any other spelling (padding, whitespace, standard
     * base64, another case) is a different string and does not match.
     */
    public boolean matches(String claimed) {
        return claimed != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                claimed.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code text} has the form of a thumbprint: 43 characters of the base64url alphabet. */
    public static boolean isWellFormed(String text) {
        if (text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        int d = c < 0x80 ? Character.digit(c, 16) : -1; // ASCII only: Character.digit takes any script's digits
        if (d < 0) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is hex digits only");
        }
        return d;
    }

    @Override
    public String toString() {
        return value;
    }
}
