package dev.certgate.binding;

import java.util.Objects;

/**
 * The outcome of checking one token's certificate binding: {@link Bound} and {@link Unbound}
 * let the request go on, {@link Refused} stops it with 401 (the reason is logged, never sent).
 */
public sealed interface BindingDecision {

    /** Whether the request may go on. */
    boolean allowed();

    /** The token is bound to this request's certificate, whose thumbprint this is. */
    record Bound(CertificateThumbprint thumbprint) implements BindingDecision {
        public Bound {
            Objects.requireNonNull(thumbprint, "thumbprint");
        }

        @Override
        public boolean allowed() {
            return true;
        }
    }

    /** The token is not bound, and {@code certgate.token-binding=when-present} lets it pass. */
    record Unbound() implements BindingDecision {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    /** The binding failed; {@code detail} is for the server log. */
    record Refused(BindingFailure reason, String detail) implements BindingDecision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean allowed() {
            return false;
        }
    }
}
