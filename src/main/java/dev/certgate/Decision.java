package dev.certgate;

import dev.certgate.identity.CallerIdentity;
import java.util.Objects;

/**
 * The outcome of authenticating one request by its client certificate. Adapters map it to
 * their protocol in one place: {@link Missing} to 401, {@link Refused} to 403; the reasons go to
 * the server log only.
 */
public sealed interface Decision {

    /** The certificate satisfies the policy; {@code caller} is the identity it maps to. */
    record Accepted(ClientCertificate certificate, CallerIdentity caller) implements Decision {
        public Accepted {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(caller, "caller");
        }
    }

    /** No usable certificate; {@code detail} is for the server log (a parse position, say). */
    record Missing(MissingReason reason, String detail) implements Decision {
        public Missing {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A certificate was presented and refused. {@code certificate} is {@code null} when the
     * refusal came before one could be built (a duplicated header, say).
     */
    record Refused(RefusalReason reason, ClientCertificate certificate, String detail) implements Decision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
