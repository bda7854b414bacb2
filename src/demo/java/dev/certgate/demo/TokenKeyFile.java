package dev.certgate.demo;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.KeyLocationResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Whether an {@code mp.jwt.verify.publickey.location} file holds a key SmallRye JWT can verify
 * tokens with, in one of the forms it reads (MP JWT 2.1 section 9.2.3): a PEM public key or
 * certificate, the base64 of a public key without PEM lines, a JWK or JWK set (JSON, or its
 * base64url). SmallRye reads the file only when a token arrives, so without this check text, a
 * private key or a garbled PEM would start a demo that refuses every token.
 */
final class TokenKeyFile {

    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    private TokenKeyFile() {
    }

    static boolean holdsAPublicKey(Path file, JWTAuthContextInfo info) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).trim();
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            return certificate(text);
        }
        if (text.contains("-----BEGIN PUBLIC KEY-----")) {
            return publicKey(body(text, "PUBLIC KEY"));
        }
        if (text.contains("-----BEGIN")) {
            return false; // a private key, a CSR, ...
        }
        if (text.startsWith("{") || json(text)) {
            return jwk(info);
        }
        return publicKey(text);
    }

    private static String body(String pem, String label) {
        int begin = pem.indexOf("-----BEGIN " + label + "-----") + ("-----BEGIN " + label + "-----").length();
        int end = pem.indexOf("-----END " + label + "-----", begin);
        return end < 0 ? "" : pem.substring(begin, end);
    }

    private static boolean certificate(String pem) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1))) != null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean publicKey(String base64) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String algorithm : ALGORITHMS) {
            try {
                KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                return true;
            } catch (GeneralSecurityException e) {
                // the next algorithm
            }
        }
        return false;
    }

    /** A JWK set encoded in base64url, as SmallRye also accepts. */
    private static boolean json(String text) {
        try {
            return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).trim().startsWith("{");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean jwk(JWTAuthContextInfo info) {
        try {
            new KeyLocationResolver(info);
            return true;
        } catch (UnresolvableKeyException | RuntimeException e) {
            return false;
        }
    }
}
