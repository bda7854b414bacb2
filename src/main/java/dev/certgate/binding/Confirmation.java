package dev.certgate.binding;

import java.util.Map;
import java.util.Objects;

/**
 * What an access token's {@code cnf} (confirmation, RFC 7800 section 3.1) claim says about the
 * certificate it is bound to, read once from the claim's plain-Java value.
 *
 * <ul>
 *   <li>{@link Absent}: no certificate confirmation, an unbound (bearer) token as far as RFC 8705
 *       goes: no {@code cnf} claim, or a {@code cnf} object without {@code x5t#S256} (one that
 *       confirms something else, a DPoP {@code jkt} key binding say, which is not certgate's to
 *       check; {@code certgate.token-binding=required} still refuses such a token);</li>
 *   <li>{@link Thumbprint}: a {@code cnf} object whose {@code x5t#S256} member is a well-formed
 *       thumbprint (RFC 8705 section 3.1);</li>
 *   <li>{@link Malformed}: anything else. A {@code cnf} that is not an object, an
 *       {@code x5t#S256} that is not a 43-character base64url string (padded, with whitespace,
 *       empty, standard base64, not a string): the token claims a certificate binding that
 *       cannot hold, so it fails closed.</li>
 * </ul>
 * Duplicate member names never reach here: the JWT library refuses such a claims set (jose4j,
 * under SmallRye JWT, does), or has already picked one value.
 */
public sealed interface Confirmation {

    /** The {@code cnf} member naming the certificate thumbprint (RFC 8705 section 3.1). */
    String X5T_S256 = "x5t#S256";

    /** The token carries no {@code cnf} claim. */
    Absent ABSENT = new Absent();

    /** No {@code cnf.x5t#S256}: the token is not bound to a certificate. */
    record Absent() implements Confirmation {
    }

    /** {@code cnf.x5t#S256}, well formed (not yet compared with any certificate). */
    record Thumbprint(String x5tS256) implements Confirmation {
        public Thumbprint {
            Objects.requireNonNull(x5tS256, "x5tS256");
            if (!CertificateThumbprint.isWellFormed(x5tS256)) {
                throw new IllegalArgumentException("x5t#S256 is " + CertificateThumbprint.LENGTH
                        + " base64url characters");
            }
        }
    }

    /** A {@code cnf} claim that does not confirm a certificate certgate can check; {@code problem} is for the log. */
    record Malformed(String problem) implements Confirmation {
        public Malformed {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * Reads the {@code cnf} claim's value as a JSON library gives it in plain Java: {@code null}
     * when the claim is absent, a {@link Map} for a JSON object (its string members as
     * {@link String}), anything else for other JSON values.
     */
    static Confirmation fromClaim(Object cnf) {
        if (cnf == null) {
            return ABSENT;
        }
        if (!(cnf instanceof Map<?, ?> members)) {
            return new Malformed("cnf is not a JSON object");
        }
        if (!members.containsKey(X5T_S256)) {
            return ABSENT; // RFC 8705 section 3: the certificate binding is checked when x5t#S256 is there
        }
        if (!(members.get(X5T_S256) instanceof String value)) {
            return new Malformed("cnf x5t#S256 is not a string");
        }
        if (!CertificateThumbprint.isWellFormed(value)) {
            return new Malformed("cnf x5t#S256 is not " + CertificateThumbprint.LENGTH
                    + " base64url characters without padding (" + value.length() + " characters)");
        }
        return new Thumbprint(value);
    }
}
