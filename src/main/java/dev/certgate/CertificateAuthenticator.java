package dev.certgate;

import dev.certgate.identity.CallerIdentity;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateResolver;
import dev.certgate.source.CertificateReaders;
import dev.certgate.source.Resolution;
import dev.certgate.trust.TrustFailure;
import dev.certgate.trust.TrustVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole pipeline in plain Java: resolve the certificate from a {@link CertificateRequest},
 * decide it against a {@link CertificatePolicy}, re-verify it against the trust anchors and
 * revocation ({@link TrustVerifier}, when configured), identify the caller. The policy comes
 * first, so a certificate it refuses costs no path building and no OCSP request. Adapters
 * (JAX-RS, Jakarta Security, a plain servlet filter of your own) call {@link #authenticate} and
 * map the {@link Decision}; they hold no security logic of their own. Thread-safe.
 */
public final class CertificateAuthenticator {

    private final CertificateResolver resolver;
    private final IdentityMapper identity;
    private final Clock clock;
    private final TrustVerifier trust;

    /** Without re-verification. */
    public CertificateAuthenticator(CertificateResolver resolver, IdentityMapper identity, Clock clock) {
        this(resolver, identity, clock, TrustVerifier.NONE);
    }

    public CertificateAuthenticator(CertificateResolver resolver, IdentityMapper identity, Clock clock,
                                    TrustVerifier trust) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * Everything {@code settings} says: its sources, caller mapping and {@code certgate.trust.*}.
     *
     * @throws IllegalArgumentException when a source is unavailable, an anchor is not a CA or a CRL file is unusable
     */
    public static CertificateAuthenticator of(CertgateSettings settings, Clock clock) {
        return new CertificateAuthenticator(CertificateReaders.resolver(settings), settings.identity(), clock,
                TrustVerifier.of(settings.trust(), settings.cache()));
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

    /** Decides, re-verifies and identifies a certificate already in hand. */
    public Decision decide(ClientCertificate certificate, CertificatePolicy policy) {
        Instant now = clock.instant();
        Optional<RefusalReason> refusal = policy.evaluate(certificate, now);
        if (refusal.isPresent()) {
            return new Decision.Refused(refusal.get(), certificate, "");
        }
        Optional<TrustFailure> distrust = trust.verify(certificate, now);
        if (distrust.isPresent()) {
            return new Decision.Refused(distrust.get().reason(), certificate, distrust.get().detail());
        }
        Optional<CallerIdentity> caller = identity.identify(certificate);
        if (caller.isEmpty()) {
            return new Decision.Refused(RefusalReason.NO_CALLER_NAME, certificate, "");
        }
        return new Decision.Accepted(certificate, caller.get());
    }

    public IdentityMapper identity() {
        return identity;
    }
}
