package dev.certgate.demo;

import dev.certgate.binding.CertificateThumbprint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

/**
 * Access tokens as an authorization server mints them: a JWS (RFC 7515 compact form) with RS256
 * over JSON written by hand, exactly like the README's openssl recipe, so a test can also write
 * what no JSON library would (duplicate members, odd types).
 */
public final class BearerTokens {

    /** The issuer the tests configure as {@code mp.jwt.verify.issuer}. */
    public static final String ISSUER = "https://auth.acme.example";
    public static final String RS256_HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private BearerTokens() {
    }

    /** Claims of a token for {@code subject} from {@link #ISSUER}, valid now for five minutes, plus {@code members} (raw JSON). */
    public static String claims(String subject, String... members) {
        long now = Instant.now().getEpochSecond();
        StringBuilder json = new StringBuilder("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 300));
        for (String member : members) {
            json.append(',').append(member);
        }
        return json.append('}').toString();
    }

    /** The {@code cnf} member binding a token to {@code certificate} (RFC 8705 section 3.1). */
    public static String cnf(X509Certificate certificate) {
        return "\"cnf\":{\"x5t#S256\":\"" + CertificateThumbprint.of(certificate).value() + "\"}";
    }

    /** A token for {@code subject} bound to {@code certificate}. */
    public static String bound(PrivateKey key, String subject, X509Certificate certificate) {
        return sign(key, claims(subject, cnf(certificate)));
    }

    /** A plain bearer token for {@code subject}. */
    public static String unbound(PrivateKey key, String subject) {
        return sign(key, claims(subject));
    }

    public static String sign(PrivateKey key, String claims) {
        return sign(key, RS256_HEADER, claims);
    }

    /** {@code base64url(header) . base64url(claims) . base64url(RS256 signature)}. */
    public static String sign(PrivateKey key, String header, String claims) {
        String input = encode(header) + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
