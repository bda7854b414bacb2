package dev.certgate.trust;

import dev.certgate.RefusalReason;
import java.util.Objects;

/**
 * Why re-verification refused a certificate: a stable reason, and a detail for the server log only.
 *
 * @param reason {@code untrusted-chain}, {@code not-reverifiable}, {@code revoked} or {@code revocation-unknown}
 * @param detail what failed, for the operator (a PKIX message, a CRL file, a responder URL); never sent
 */
public record TrustFailure(RefusalReason reason, String detail) {

    public TrustFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
