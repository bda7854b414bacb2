package dev.certgate.trust;

import dev.certgate.RefusalReason;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Builds and validates a certification path (RFC 5280 section 6) from a certificate to one of the
 * {@link TrustAnchors} with the JDK's PKIX {@link CertPathBuilder}, taking intermediates only from
 * the chain the request carried (a forwarded {@code Chain}, the TLS peer's chain). Signatures,
 * validity of every certificate at the request's instant (the leaf's too, whatever the policy's
 * {@code check-validity} says: a path with an expired member is no valid path), basic constraints,
 * key usage, path length and name constraints are the JDK's; the leaf must allow TLS client
 * authentication when it has an extended key usage (as a TLS server requires). Revocation is not
 * checked here.
 *
 * <p>Validated paths are remembered until the first of their certificates expires (at most the
 * cache's time to live); refusals are not remembered.
 */
final class CertificatePaths {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String NAME_CONSTRAINTS = "2.5.29.30";

    private final TrustAnchors anchors;
    private final Duration ttl;
    private final ExpiringCache<List<X509Certificate>, ValidPath> cache;

    CertificatePaths(TrustAnchors anchors, int maxEntries, Duration ttl) {
        this.anchors = anchors;
        this.ttl = ttl;
        this.cache = new ExpiringCache<>(maxEntries);
    }

    /** A path from {@code chain.get(0)} to an anchor at {@code now}, or the reason there is none. */
    ValidPath validate(List<X509Certificate> chain, Instant now) throws Distrusted {
        ValidPath cached = cache.get(chain, now);
        if (cached != null) {
            return cached;
        }
        ValidPath path = build(chain, now);
        Instant expires = now.plus(ttl);
        for (X509Certificate c : path.certificates()) {
            Instant notAfter = c.getNotAfter().toInstant();
            expires = notAfter.isBefore(expires) ? notAfter : expires;
        }
        cache.put(chain, path, expires, now);
        return path;
    }

    private ValidPath build(List<X509Certificate> chain, Instant at) throws Distrusted {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain.get(0));
            target.setExtendedKeyUsage(Set.of(CLIENT_AUTH));
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors.anchors(), target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            parameters.setMaxPathLength(dev.certgate.source.Certificates.MAX_CHAIN);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
                    .build(parameters);
            List<X509Certificate> certificates = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> certificates.add((X509Certificate) c));
            if (certificates.isEmpty()) {
                throw new Distrusted(new TrustFailure(RefusalReason.UNTRUSTED_CHAIN,
                        "the client certificate is itself a trust anchor; anchors are CAs, not clients"));
            }
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            withinAnchorConstraints(certificates, anchor, at);
            return new ValidPath(certificates, anchor);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // CertPathBuilderException: no valid path; anything else: a certificate PKIX cannot use
            throw new Distrusted(new TrustFailure(RefusalReason.UNTRUSTED_CHAIN,
                    "no PKIX path to a trust anchor: " + e.getMessage()));
        }
    }

    /**
     * The JDK applies no name constraints of a trust anchor's own certificate (its PKIX takes
     * constraints from the {@link TrustAnchor} only, and refuses those), yet RFC 5280 section
     * 6.1.1 lets an anchor carry them and OpenSSL and Go apply them: so when the anchor has a
     * nameConstraints extension, the path is validated once more with the (self-signed, see
     * {@link TrustAnchors#of}) anchor certificate as its first CA, under the anchor's bare key, so
     * the JDK's own checker applies those constraints to every certificate below it.
     */
    private static void withinAnchorConstraints(List<X509Certificate> path, X509Certificate anchor, Instant at)
            throws GeneralSecurityException, Distrusted {
        if (anchor.getExtensionValue(NAME_CONSTRAINTS) == null) {
            return;
        }
        List<X509Certificate> throughAnchor = new ArrayList<>(path);
        throughAnchor.add(anchor);
        PKIXParameters parameters = new PKIXParameters(Set.of(
                new TrustAnchor(anchor.getSubjectX500Principal(), anchor.getPublicKey(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        try {
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(throughAnchor), parameters);
        } catch (java.security.cert.CertPathValidatorException e) {
            throw new Distrusted(new TrustFailure(RefusalReason.UNTRUSTED_CHAIN, "outside the name constraints of"
                    + " trust anchor " + anchor.getSubjectX500Principal().getName() + ": " + e.getMessage()));
        }
    }

    /**
     * A validated path: {@code certificates} leaf first, each issued by the next, the last by
     * {@code anchor}.
     */
    record ValidPath(List<X509Certificate> certificates, X509Certificate anchor) {

        ValidPath {
            certificates = List.copyOf(certificates);
        }

        X509Certificate leaf() {
            return certificates.get(0);
        }

        /** The certificate whose key signed {@code certificates.get(index)}. */
        X509Certificate issuerOf(int index) {
            return index + 1 < certificates.size() ? certificates.get(index + 1) : anchor;
        }
    }

    /** Carries a refusal out of path building. */
    static final class Distrusted extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient TrustFailure failure;

        Distrusted(TrustFailure failure) {
            super(failure.detail(), null, false, false);
            this.failure = failure;
        }

        TrustFailure failure() {
            return failure;
        }
    }
}
