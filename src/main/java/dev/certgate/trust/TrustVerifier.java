package dev.certgate.trust;

import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import dev.certgate.source.CertificateCache.CacheSettings;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-verifies a certificate against {@code certgate.trust.*}, whatever source it came from: a
 * PKIX path to a trust anchor ({@link CertificatePaths}), then revocation of that path by CRL
 * ({@link RevocationLists}) and of its leaf by OCSP ({@link OcspChecker}). Defense in depth: a
 * trusted proxy (or the server's own trust store) may trust more than the application should.
 *
 * <p>Outcomes, each a 403 with a stable reason:
 * <ul>
 *   <li>{@code not-reverifiable}: the source carried no certificate (an XFCC {@code Hash}, a
 *       DN-only header), so there is nothing to verify;</li>
 *   <li>{@code untrusted-chain}: no valid path to an anchor at the request's instant (a leaf
 *       outside its validity included);</li>
 *   <li>{@code revoked}: a CRL lists a certificate of the path, or the responder says so;</li>
 *   <li>{@code revocation-unknown}: revocation is configured but cannot answer for the leaf
 *       (no CRL of its issuer and no OCSP, a stale or wrongly signed CRL, an OCSP answer of
 *       "unknown" or that does not verify, an unreachable responder without soft-fail).</li>
 * </ul>
 * CA certificates of the path are checked against the CRLs of their issuers when such CRLs are
 * configured; OCSP is asked about the leaf only. When both are configured a CRL listing the leaf
 * refuses at once; otherwise the responder is asked, and if it cannot be reached a CRL that
 * covered the leaf answers. Thread-safe; never throws for a certificate.
 */
public final class TrustVerifier {

    /** Verifies nothing. */
    public static final TrustVerifier NONE = new TrustVerifier(null, null, null);

    private final CertificatePaths paths;
    private final RevocationLists crls;
    private final OcspChecker ocsp;

    private TrustVerifier(CertificatePaths paths, RevocationLists crls, OcspChecker ocsp) {
        this.paths = paths;
        this.crls = crls;
        this.ocsp = ocsp;
    }

    /**
     * The verifier for {@code settings}; reads the CRL files now.
     *
     * @param cache bounds the remembered paths and OCSP answers (entries and time to live)
     * @throws IllegalArgumentException when an anchor is not a CA or a CRL file is not usable
     */
    public static TrustVerifier of(TrustSettings settings, CacheSettings cache) {
        Objects.requireNonNull(cache, "cache");
        if (!settings.enabled()) {
            return NONE;
        }
        TrustAnchors anchors = TrustAnchors.of(settings.anchors());
        RevocationLists crls = settings.crls().isEmpty() ? null : RevocationLists.load(settings.crls(), anchors,
                settings.crlRefresh(), settings.whenStale(), Instant.now());
        OcspChecker ocsp = settings.ocsp().enabled() ? new OcspChecker(settings.ocsp(), cache.maxEntries(), cache.ttl())
                : null;
        return new TrustVerifier(new CertificatePaths(anchors, cache.maxEntries(), cache.ttl()), crls, ocsp);
    }

    /** Whether this verifier checks anything at all. */
    public boolean enabled() {
        return paths != null;
    }

    /**
     * Re-verifies {@code certificate} at {@code now} (the request's instant).
     *
     * @return empty when it is trusted (or nothing is configured), else why not
     */
    public Optional<TrustFailure> verify(ClientCertificate certificate, Instant now) {
        if (paths == null) {
            return Optional.empty();
        }
        if (certificate.certificate() == null) {
            return fail(RefusalReason.NOT_REVERIFIABLE, "the " + certificate.source().configName()
                    + " source carried no certificate to verify (only a hash or names)");
        }
        CertificatePaths.ValidPath path;
        try {
            path = paths.validate(certificate.chain(), now);
        } catch (CertificatePaths.Distrusted e) {
            return Optional.of(e.failure());
        }
        if (crls == null && ocsp == null) {
            return Optional.empty();
        }
        try {
            return revocation(path, now);
        } catch (RuntimeException e) {
            // nothing here should throw for a validated path; if something does, its status is unknown
            return fail(RefusalReason.REVOCATION_UNKNOWN, "revocation check failed: " + e);
        }
    }

    private Optional<TrustFailure> revocation(CertificatePaths.ValidPath path, Instant now) {
        X509Certificate leaf = path.leaf();
        String leafCrl = "no CRL of " + leaf.getIssuerX500Principal().getName() + " is configured";
        boolean crlCovers = false;
        if (crls != null) {
            for (int i = 0; i < path.certificates().size(); i++) {
                RevocationLists.Answer answer = crls.status(path.certificates().get(i), path.issuerOf(i), now);
                switch (answer.status()) {
                    case REVOKED -> {
                        return fail(RefusalReason.REVOKED, answer.detail());
                    }
                    case UNUSABLE -> {
                        return fail(RefusalReason.REVOCATION_UNKNOWN, answer.detail());
                    }
                    case GOOD -> crlCovers |= i == 0;
                    case NOT_COVERED -> { }
                }
            }
        }
        if (ocsp == null) {
            return crlCovers ? Optional.empty() : fail(RefusalReason.REVOCATION_UNKNOWN, leafCrl + " and OCSP is off");
        }
        OcspChecker.Answer answer = ocsp.status(leaf, path.issuerOf(0), now);
        return switch (answer.status()) {
            case GOOD -> Optional.empty();
            case REVOKED -> fail(RefusalReason.REVOKED, answer.detail());
            case UNKNOWN -> fail(RefusalReason.REVOCATION_UNKNOWN, answer.detail());
            case UNREACHABLE -> crlCovers || ocsp.softFail() ? Optional.empty()
                    : fail(RefusalReason.REVOCATION_UNKNOWN, answer.detail() + "; " + leafCrl);
        };
    }

    private static Optional<TrustFailure> fail(RefusalReason reason, String detail) {
        return Optional.of(new TrustFailure(reason, detail));
    }
}
