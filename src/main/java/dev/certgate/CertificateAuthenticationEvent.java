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
 * <p>Two {@linkplain Kind kinds} of decision share this one record: a {@link Kind#CERTIFICATE}
 * decision of a policy guard ({@code @RequireClientCert}), and a {@link Kind#TOKEN_BINDING}
 * decision on a certificate-bound access token (RFC 8705 section 3), made by
 * {@code dev.certgate.binding.TokenBindingCheck}: accepted when the token is bound to this
 * request's certificate, refused (401 {@code invalid_token}) with a {@code token-binding-*}
 * reason otherwise. A token-binding event names no policy, and its {@link #caller()} is the
 * token's principal, accepted or not.
 *
 * <p>Everything here is for the server side only: none of it is ever sent to the client. Values
 * that came from the client or a proxy ({@link #detail()}, the certificate's names) are as
 * received; the audit log escapes them, anything else that writes them out must too.
 *
 * @param time        when the decision was made (the instant validity was checked against)
 * @param outcome     accepted (the adapter lets the request in), missing (401) or refused (403; for a
 *                    token-binding decision 401 {@code invalid_token})
 * @param reason      stable code: {@value #ACCEPTED} when accepted, else the
 *                    {@link MissingReason#code()}, {@link RefusalReason#code()} or, for a token-binding
 *                    decision, {@code BindingFailure.code()} ({@code token-binding-mismatch}, ...)
 * @param policy      the policy's name; {@code ""} is the default policy (and a token-binding decision)
 * @param resource    what the adapter guards (JAX-RS: {@code ResourceClass#method}); {@code ""} when not named
 * @param peer        the direct peer (the socket's remote address), when the adapter knows it
 * @param certificate the certificate decided on; empty when none could be built
 * @param caller      the identity, when accepted; for a token-binding decision the token's principal
 * @param detail      server-side detail (a parse position, a header count); {@code ""} when none
 * @param kind        what was decided: a certificate against a policy, or a token's certificate binding
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
        String detail,
        Kind kind) {

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
        Objects.requireNonNull(kind, "kind");
    }

    /** A {@link Kind#CERTIFICATE} decision. */
    public CertificateAuthenticationEvent(Instant time, Outcome outcome, String reason, String policy, String resource,
                                          Optional<InetAddress> peer, Optional<ClientCertificate> certificate,
                                          Optional<CallerIdentity> caller, String detail) {
        this(time, outcome, reason, policy, resource, peer, certificate, caller, detail, Kind.CERTIFICATE);
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

    /** What a decision was about. */
    public enum Kind {
        /** A certificate decided against a policy ({@code @RequireClientCert}): {@link Decision}. */
        CERTIFICATE("certificate"),
        /** A certificate-bound access token checked against this request's certificate (RFC 8705 section 3). */
        TOKEN_BINDING("token-binding");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** Stable lower-case name, for logs and metric tags. */
        public String code() {
            return code;
        }
    }

    /** The three outcomes of {@link Decision}; a token-binding decision is accepted or refused. */
    public enum Outcome {
        /** {@link Decision.Accepted}. */
        ACCEPTED("accepted"),
        /** {@link Decision.Missing}: no usable certificate, 401. */
        MISSING("missing"),
        /**
         * {@link Decision.Refused}: a certificate was presented and refused, 403; or a token failed
         * its certificate binding, 401 {@code invalid_token}.
         */
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
