package dev.certgate.binding;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticationEvent;
import dev.certgate.CertificateAuthenticationEvent.Kind;
import dev.certgate.CertificateAuthenticationEvent.Outcome;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.CertificateRequest;
import dev.certgate.ClientCertificate;
import dev.certgate.TokenBinding;
import dev.certgate.identity.CallerIdentity;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.source.CertificateResolver;
import dev.certgate.source.Resolution;
import dev.certgate.trust.TrustFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@code certgate.token-binding} to one authenticated token (RFC 8705 section 3): the
 * token's {@code cnf.x5t#S256} must equal the thumbprint of the certificate on this request,
 * wherever that certificate came from (the TLS handshake, or any forwarded source the resolver
 * reads, hash-only ones included), and that certificate must pass the same re-verification
 * ({@code certgate.trust.*}: a path to an anchor, not revoked) as one a policy guard accepts.
 *
 * <p>In order: no {@code cnf.x5t#S256} is {@link BindingDecision.Unbound} under {@code when-present}
 * and refused ({@code token-binding-unbound}) under {@code required}; a malformed {@code cnf} is
 * refused without looking further; only a well-formed thumbprint makes the certificate be
 * resolved, so unbound tokens cost no certificate work. Any resolution other than a certificate
 * (none, an untrusted proxy's header, a malformed or duplicated one), a certificate without a
 * known SHA-256, and a matching certificate that re-verification refuses are all
 * {@code token-binding-no-certificate}: none of them proves possession of the bound key by a
 * client the application trusts. The thumbprint is compared before re-verification, so a stolen
 * token replayed with another certificate costs no path building or OCSP request.
 *
 * <p>Every decision except "unbound, and {@code when-present} lets it pass" (nothing was checked)
 * is audited by the {@link CertificateAuthenticator} whose resolver and trust it uses: one line on
 * {@code dev.certgate.audit} and one {@link CertificateAuthenticationEvent} of kind
 * {@link Kind#TOKEN_BINDING}. Thread-safe; never throws for anything a client or proxy can send.
 */
public final class TokenBindingCheck {

    private final TokenBinding mode;
    private final CertificateAuthenticator authenticator;

    /**
     * The check over {@code authenticator}'s sources, re-verification, clock and audit trail, so a
     * guard and the binding share one certificate cache and one audit log.
     *
     * @throws IllegalArgumentException when {@code mode} is {@link TokenBinding#OFF}: then there
     *                                  is nothing to check, and no check should be installed
     */
    public TokenBindingCheck(TokenBinding mode, CertificateAuthenticator authenticator) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        if (mode == TokenBinding.OFF) {
            throw new IllegalArgumentException("certgate.token-binding is off: there is nothing to check");
        }
    }

    /** Over {@code resolver} alone: no re-verification; audited with no listener. */
    public TokenBindingCheck(TokenBinding mode, CertificateResolver resolver) {
        this(mode, new CertificateAuthenticator(resolver, IdentityMapper.DEFAULT, Clock.systemUTC()));
    }

    /**
     * The check {@code settings} ask for, over an authenticator of its own (their sources and
     * {@code certgate.trust.*}); empty when binding is off. To share one with a policy guard, use
     * {@link #of(TokenBinding, CertificateAuthenticator)}.
     */
    public static Optional<TokenBindingCheck> of(CertgateSettings settings) {
        if (settings.tokenBinding() == TokenBinding.OFF) {
            return Optional.empty();
        }
        return of(settings.tokenBinding(), CertificateAuthenticator.of(settings, Clock.systemUTC()));
    }

    /** The check in {@code mode} over {@code authenticator}; empty when {@code mode} is off. */
    public static Optional<TokenBindingCheck> of(TokenBinding mode, CertificateAuthenticator authenticator) {
        return mode == TokenBinding.OFF ? Optional.empty() : Optional.of(new TokenBindingCheck(mode, authenticator));
    }

    public TokenBinding mode() {
        return mode;
    }

    /** As {@link #check(Confirmation, CertificateRequest, String, String)} with no resource or caller named. */
    public BindingDecision check(Confirmation confirmation, CertificateRequest request) {
        return check(confirmation, request, "", null);
    }

    /**
     * Decides whether the token confirming {@code confirmation} may be used on {@code request}, and
     * audits the decision.
     *
     * @param resource what the request is for, for the audit ({@code ResourceClass#method}, a path)
     * @param caller   the token's principal name, for the audit; {@code null} when unknown
     */
    public BindingDecision check(Confirmation confirmation, CertificateRequest request, String resource,
                                 String caller) {
        Objects.requireNonNull(resource, "resource");
        if (confirmation instanceof Confirmation.Absent && mode == TokenBinding.WHEN_PRESENT) {
            return new BindingDecision.Unbound(); // nothing to check, nothing to audit
        }
        Instant now = authenticator.clock().instant();
        Verdict verdict = decide(confirmation, request, now);
        Optional<CallerIdentity> token = caller == null ? Optional.empty() : Optional.of(new CallerIdentity(caller, Set.of()));
        BindingDecision decision = verdict.decision();
        String reason = decision instanceof BindingDecision.Refused refused ? refused.reason().code()
                : CertificateAuthenticationEvent.ACCEPTED;
        String detail = decision instanceof BindingDecision.Refused refused ? refused.detail() : "";
        authenticator.record(new CertificateAuthenticationEvent(now,
                decision.allowed() ? Outcome.ACCEPTED : Outcome.REFUSED, reason, "", resource, request.peerAddress(),
                Optional.ofNullable(verdict.certificate()), token, detail, Kind.TOKEN_BINDING));
        return decision;
    }

    /** The decision, and the certificate it was made on ({@code null} when none was resolved). */
    private record Verdict(BindingDecision decision, ClientCertificate certificate) {
    }

    private Verdict decide(Confirmation confirmation, CertificateRequest request, Instant now) {
        if (confirmation instanceof Confirmation.Absent) {
            return refused(BindingFailure.UNBOUND, "certgate.token-binding=required and the token has no cnf x5t#S256",
                    null);
        }
        if (confirmation instanceof Confirmation.Malformed malformed) {
            return refused(BindingFailure.MALFORMED_CNF, malformed.problem(), null);
        }
        String claimed = ((Confirmation.Thumbprint) confirmation).x5tS256();
        Resolution resolution = authenticator.resolver().resolve(request);
        if (!(resolution instanceof Resolution.Found found)) {
            return refused(BindingFailure.NO_CERTIFICATE, describe(resolution), null);
        }
        ClientCertificate certificate = found.certificate();
        String source = certificate.source().configName();
        Optional<CertificateThumbprint> thumbprint = CertificateThumbprint.of(certificate);
        if (thumbprint.isEmpty()) {
            return refused(BindingFailure.NO_CERTIFICATE, "the " + source
                    + " certificate has no known SHA-256, so no binding can be proven", certificate);
        }
        if (!thumbprint.get().matches(claimed)) {
            return refused(BindingFailure.MISMATCH, "cnf x5t#S256 " + claimed + " is not the " + source
                    + " certificate's " + thumbprint.get(), certificate);
        }
        Optional<TrustFailure> distrust = authenticator.trust().verify(certificate, now);
        if (distrust.isPresent()) {
            return refused(BindingFailure.NO_CERTIFICATE, "re-verification refused the " + source + " certificate ("
                    + distrust.get().reason().code() + ": " + distrust.get().detail() + ")", certificate);
        }
        return new Verdict(new BindingDecision.Bound(thumbprint.get()), certificate);
    }

    private static Verdict refused(BindingFailure reason, String detail, ClientCertificate certificate) {
        return new Verdict(new BindingDecision.Refused(reason, detail), certificate);
    }

    private static String describe(Resolution resolution) {
        if (resolution instanceof Resolution.Absent absent) {
            return "no usable certificate (" + absent.reason().code() + ")";
        }
        if (resolution instanceof Resolution.Malformed malformed) {
            return "no usable certificate (" + malformed.reason().code() + ": " + malformed.detail() + ")";
        }
        Resolution.Refused refused = (Resolution.Refused) resolution;
        return "no usable certificate (" + refused.reason().code() + ": " + refused.detail() + ")";
    }
}
