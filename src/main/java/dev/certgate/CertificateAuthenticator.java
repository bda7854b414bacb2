package dev.certgate;

import dev.certgate.identity.CallerIdentity;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateResolver;
import dev.certgate.source.Resolution;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole pipeline in plain Java: resolve the certificate from a {@link CertificateRequest},
 * decide it against a {@link CertificatePolicy}, identify the caller. Adapters (JAX-RS, Jakarta
 * Security, a plain servlet filter of your own) call {@link #authenticate} and map the
 * {@link Decision}; they hold no security logic of their own. Thread-safe.
 */
public final class CertificateAuthenticator {

    private final CertificateResolver resolver;
    private final IdentityMapper identity;
    private final Clock clock;
    private final AcceptedMemo accepted = new AcceptedMemo();

    public CertificateAuthenticator(CertificateResolver resolver, IdentityMapper identity, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Resolves, decides and identifies. Never throws for anything a client or proxy can send. */
    public Decision authenticate(CertificateRequest request, CertificatePolicy policy) {
        Resolution resolution = resolver.resolve(request);
        if (resolution instanceof Resolution.Found found) {
            return decide(found.certificate(), policy);
        }
        if (resolution instanceof Resolution.Absent absent) {
            return new Decision.Missing(absent.reason(), "");
        }
        if (resolution instanceof Resolution.Malformed malformed) {
            return new Decision.Missing(malformed.reason(), malformed.detail());
        }
        Resolution.Refused refused = (Resolution.Refused) resolution;
        return new Decision.Refused(refused.reason(), null, refused.detail());
    }

    /**
     * Decides and identifies a certificate already in hand. The policy is applied every time; the
     * caller a certificate maps to is remembered for the certificate objects a source's cache
     * hands out again.
     */
    public Decision decide(ClientCertificate certificate, CertificatePolicy policy) {
        Optional<RefusalReason> refusal = policy.evaluate(certificate, clock.instant());
        if (refusal.isPresent()) {
            return new Decision.Refused(refusal.get(), certificate, "");
        }
        Decision.Accepted known = accepted.get(certificate);
        if (known != null) {
            return known;
        }
        Optional<CallerIdentity> caller = identity.identify(certificate);
        if (caller.isEmpty()) {
            return new Decision.Refused(RefusalReason.NO_CALLER_NAME, certificate, "");
        }
        Decision.Accepted decision = new Decision.Accepted(certificate, caller.get());
        accepted.put(decision);
        return decision;
    }

    public IdentityMapper identity() {
        return identity;
    }
}
