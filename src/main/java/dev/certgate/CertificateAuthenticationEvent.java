package dev.certgate;

import dev.certgate.identity.CallerIdentity;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one authentication decided, for the audit log and for observers (metrics, SIEM export).
 * {@link CertificateAuthenticator} makes exactly one per decision and hands it to its
 * {@link AuthenticationListener}; the JAX-RS adapter fires it as a CDI event, so an application
 * can {@code @Observes CertificateAuthenticationEvent}.
 *
 * <p>Everything here is for the server side only: none of it is ever sent to the client. Values
 * that came from the client or a proxy ({@link #detail()}, the certificate's names) are as
 * received; the audit log escapes them, anything else that writes them out must too.
 *
 * @param time        when the decision was made (the instant validity was checked against)
 * @param outcome     accepted (the adapter lets the request in), missing (401) or refused (403)
 * @param reason      stable code: {@value #ACCEPTED} when accepted, else the
 *                    {@link MissingReason#code()} or {@link RefusalReason#code()}
 * @param policy      the policy's name; {@code ""} is the default policy
 * @param resource    what the adapter guards (JAX-RS: {@code ResourceClass#method}); {@code ""} when not named
 * @param peer        the direct peer (the socket's remote address), when the adapter knows it
 * @param certificate the certificate decided on; empty when none could be built
 * @param caller      the identity, when accepted
 * @param detail      server-side detail (a parse position, a header count); {@code ""} when none
 */
public record CertificateAuthenticationEvent(
        Instant time,
        Outcome outcome,
        String reason,
        String policy,
        String resource,
        Optional<InetAddress> peer,
        Optional<ClientCertificate> certificate,
        Optional<CallerIdentity> caller,
        String detail) {

    /** The {@link #reason()} of an accepted decision, so a counter per reason needs no special case. */
    public static final String ACCEPTED = "accepted";

    public CertificateAuthenticationEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(detail, "detail");
    }

    /** The event for {@code decision}. */
    static CertificateAuthenticationEvent of(Decision decision, Instant time, String policy, String resource,
                                             Optional<InetAddress> peer) {
        if (decision instanceof Decision.Accepted accepted) {
            return new CertificateAuthenticationEvent(time, Outcome.ACCEPTED, ACCEPTED, policy, resource, peer,
                    Optional.of(accepted.certificate()), Optional.of(accepted.caller()), "");
        }
        if (decision instanceof Decision.Missing missing) {
            return new CertificateAuthenticationEvent(time, Outcome.MISSING, missing.reason().code(), policy, resource,
                    peer, Optional.empty(), Optional.empty(), missing.detail());
        }
        Decision.Refused refused = (Decision.Refused) decision;
        return new CertificateAuthenticationEvent(time, Outcome.REFUSED, refused.reason().code(), policy, resource,
                peer, Optional.ofNullable(refused.certificate()), Optional.empty(), refused.detail());
    }

    /** The certificate's SHA-256 fingerprint (uppercase hex), when known. */
    public Optional<String> fingerprint() {
        return certificate.map(ClientCertificate::fingerprint256);
    }

    /** Where the certificate came from, when one was built. */
    public Optional<CertificateSource> source() {
        return certificate.map(ClientCertificate::source);
    }

    /** The three outcomes of {@link Decision}. */
    public enum Outcome {
        /** {@link Decision.Accepted}. */
        ACCEPTED("accepted"),
        /** {@link Decision.Missing}: no usable certificate, 401. */
        MISSING("missing"),
        /** {@link Decision.Refused}: a certificate was presented and refused, 403. */
        REFUSED("refused");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        /** Stable lower-case name, for logs and metric tags. */
        public String code() {
            return code;
        }
    }
}
