package dev.certgate;

import dev.certgate.identity.CallerIdentity;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateReaders;
import dev.certgate.source.CertificateResolver;
import dev.certgate.source.Resolution;
import dev.certgate.trust.TrustFailure;
import dev.certgate.trust.TrustVerifier;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole pipeline in plain Java: resolve the certificate from a {@link CertificateRequest},
 * decide it against a {@link CertificatePolicy}, re-verify it against the trust anchors and
 * revocation ({@link TrustVerifier}, when configured), identify the caller, and audit the
 * decision. The policy comes first, so a certificate it refuses costs no path building and no
 * OCSP request.
 *
 * <p>Adapters (JAX-RS, Jakarta Security, a plain servlet filter of your own) call
 * {@link #authenticate} and map the {@link Decision}; they hold no security logic of their own,
 * and they log nothing about the decision: this class writes the one audit line per decision
 * (logger {@code dev.certgate.audit}) and passes the {@link CertificateAuthenticationEvent} to the
 * {@link AuthenticationListener}. The token binding ({@code dev.certgate.binding.TokenBindingCheck})
 * uses this class's resolver, re-verification and clock, and hands its decisions to
 * {@link #record}, so they share one certificate cache and one audit trail. Thread-safe.
 */
public final class CertificateAuthenticator {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    private final CertificateResolver resolver;
    private final IdentityMapper identity;
    private final Clock clock;
    private final TrustVerifier trust;
    private final AuthenticationListener listener;
    private final AuditLog audit = new AuditLog();
    private final AcceptedMemo accepted = new AcceptedMemo();
    private volatile boolean listenerFailureLogged;

    /** An authenticator without re-verification that writes the audit log and tells no listener. */
    public CertificateAuthenticator(CertificateResolver resolver, IdentityMapper identity, Clock clock) {
        this(resolver, identity, clock, TrustVerifier.NONE, AuthenticationListener.NONE);
    }

    /** Without re-verification; tells {@code listener} of every decision. */
    public CertificateAuthenticator(CertificateResolver resolver, IdentityMapper identity, Clock clock,
                                    AuthenticationListener listener) {
        this(resolver, identity, clock, TrustVerifier.NONE, listener);
    }

    /** With re-verification by {@code trust}; tells no listener. */
    public CertificateAuthenticator(CertificateResolver resolver, IdentityMapper identity, Clock clock,
                                    TrustVerifier trust) {
        this(resolver, identity, clock, trust, AuthenticationListener.NONE);
    }

    /** With re-verification by {@code trust}; writes the audit log, then tells {@code listener} of every decision. */
    public CertificateAuthenticator(CertificateResolver resolver, IdentityMapper identity, Clock clock,
                                    TrustVerifier trust, AuthenticationListener listener) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Everything {@code settings} says: its sources, caller mapping and {@code certgate.trust.*}.
     *
     * @throws IllegalArgumentException when a source is unavailable, an anchor is not a CA or a CRL file is unusable
     */
    public static CertificateAuthenticator of(CertgateSettings settings, Clock clock) {
        return of(settings, clock, AuthenticationListener.NONE);
    }

    /** As {@link #of(CertgateSettings, Clock)}, telling {@code listener} of every decision. */
    public static CertificateAuthenticator of(CertgateSettings settings, Clock clock, AuthenticationListener listener) {
        return new CertificateAuthenticator(CertificateReaders.resolver(settings), settings.identity(), clock,
                TrustVerifier.of(settings.trust(), settings.cache()), listener);
    }

    /** As {@link #authenticate(CertificateRequest, CertificatePolicy, String)} with no resource named. */
    public Decision authenticate(CertificateRequest request, CertificatePolicy policy) {
        return authenticate(request, policy, "");
    }

    /**
     * Resolves, decides, re-verifies, identifies and audits. Never throws for anything a client or
     * proxy can send.
     *
     * @param resource what is being guarded, for the audit ({@code ResourceClass#method}, a path)
     */
    public Decision authenticate(CertificateRequest request, CertificatePolicy policy, String resource) {
        return authenticate(request, policy, resource, CertificateResolver.Keep.FOR_LATER_CHECKS);
    }

    /**
     * As {@link #authenticate(CertificateRequest, CertificatePolicy, String)}; {@code keep} says
     * whether a resolution read from the sources is kept with the request for later checks
     * ({@link CertificateResolver#resolve(CertificateRequest, CertificateResolver.Keep)}). The
     * JAX-RS guard, normally the last check of a request, keeps nothing.
     */
    public Decision authenticate(CertificateRequest request, CertificatePolicy policy, String resource,
                                 CertificateResolver.Keep keep) {
        Instant now = clock.instant();
        Decision decision = resolveAndDecide(request, policy, now, keep);
        audit(decision, now, policy, resource, request);
        return decision;
    }

    /** Decides, re-verifies, identifies and audits a certificate already in hand (no peer, no resource known). */
    public Decision decide(ClientCertificate certificate, CertificatePolicy policy) {
        Instant now = clock.instant();
        Decision decision = decide(certificate, policy, now);
        audit(decision, now, policy, "", null);
        return decision;
    }

    public IdentityMapper identity() {
        return identity;
    }

    /** The sources, in {@code certgate.sources} order (with their certificate caches). */
    public CertificateResolver resolver() {
        return resolver;
    }

    /** Re-verification by {@code certgate.trust.*}; {@link TrustVerifier#NONE} when not configured. */
    public TrustVerifier trust() {
        return trust;
    }

    /** The clock decisions are made at. */
    public Clock clock() {
        return clock;
    }

    /**
     * Audits a decision certgate's core made with this authenticator's resolver and trust, other
     * than {@link #authenticate} (the token binding, {@code dev.certgate.binding.TokenBindingCheck}):
     * writes its one audit line, then tells the listener, as for every certificate decision.
     */
    public void record(CertificateAuthenticationEvent event) {
        audit.write(event);
        try {
            listener.onDecision(event);
        } catch (RuntimeException e) {
            // a listener is for observation: it must not turn a decision into an error
            Level level = listenerFailureLogged ? Level.DEBUG : Level.WARNING;
            listenerFailureLogged = true;
            LOG.log(level, "certgate: authentication listener " + listener.getClass().getName()
                    + " failed; the decision stands" + (level == Level.WARNING ? " (further failures at DEBUG)" : ""), e);
        }
    }

    private Decision resolveAndDecide(CertificateRequest request, CertificatePolicy policy, Instant now,
                                      CertificateResolver.Keep keep) {
        Resolution resolution = resolver.resolve(request, keep);
        if (resolution instanceof Resolution.Found found) {
            return decide(found.certificate(), policy, now);
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

    private Decision decide(ClientCertificate certificate, CertificatePolicy policy, Instant now) {
        Optional<CertificatePolicy.Refusal> refusal = policy.refusal(certificate, now);
        if (refusal.isPresent()) {
            return new Decision.Refused(refusal.get().reason(), certificate, refusal.get().detail());
        }
        Optional<TrustFailure> distrust = trust.verify(certificate, now);
        if (distrust.isPresent()) {
            return new Decision.Refused(distrust.get().reason(), certificate, distrust.get().detail());
        }
        // the caller is a function of the certificate alone: a cached certificate's is remembered
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

    /** {@code request} is {@code null} when there is none (a certificate decided as it is). */
    private void audit(Decision decision, Instant now, CertificatePolicy policy, String resource,
                       CertificateRequest request) {
        if (listener == AuthenticationListener.NONE && !audit.writes(decision)) {
            return; // nobody to tell (the common accepted case without DEBUG): build no event per request
        }
        Optional<InetAddress> peer = request == null ? Optional.empty() : request.peerAddress();
        record(CertificateAuthenticationEvent.of(decision, now, policy.name(), resource, peer));
    }
}
