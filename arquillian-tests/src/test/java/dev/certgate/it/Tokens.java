package dev.certgate.it;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

/** RS256 bearer tokens (RFC 7519) for MP JWT, signed by a key minted once per test JVM. */
final class Tokens {

    static final String ISSUER = "https://issuer.acme.test";
    private static final KeyPair KEYS = keys();

    private Tokens() {
    }

    /** {@code mp.jwt.verify.publickey}: the public key as PEM, escaped for a .properties file. */
    static String publicKeyProperty() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPublic().getEncoded());
        return ("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----").replace("\n", "\\n");
    }

    /** A token for {@code subject} in {@code group}, valid for five minutes. */
    static String token(String subject, String group) throws Exception {
        return sign(subject, group, "");
    }

    /**
     * A token for {@code subject} in {@code group} bound to {@code certificate} (RFC 8705 section 3.1:
     * {@code cnf.x5t#S256}, base64url of the SHA-256 of its DER).
     */
    static String boundToken(String subject, String group, X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        String thumbprint = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        return sign(subject, group, ",\"cnf\":{\"x5t#S256\":\"" + thumbprint + "\"}");
    }

    private static String sign(String subject, String group, String moreClaims) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":[\"" + group + "\"],\"iat\":" + now + ",\"exp\":" + (now + 300)
                + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"" + moreClaims + "}";
        String input = encode(header) + "." + encode(claims);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(KEYS.getPrivate());
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
