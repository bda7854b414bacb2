package dev.certgate.trust;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The CA certificates of {@code certgate.trust.anchors}, as PKIX trust anchors. Every certificate
 * in the bundle is an anchor, as in a JDK trust store: a path ends at the first one it reaches.
 * Each must be a CA: basicConstraints {@code cA} true, and keyCertSign when it has a key usage
 * (RFC 5280 sections 4.2.1.9 and 4.2.1.3).
 */
public final class TrustAnchors {

    /** Larger files are not a CA bundle (and might be a device file). */
    static final long MAX_BUNDLE_BYTES = 16L << 20;

    private final List<X509Certificate> certificates;
    private final Set<TrustAnchor> anchors;

    private TrustAnchors(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
        Set<TrustAnchor> set = new LinkedHashSet<>();
        certificates.forEach(c -> set.add(new TrustAnchor(c, null)));
        this.anchors = Set.copyOf(set);
    }

    /**
     * Anchors from certificates, each checked.
     *
     * @throws IllegalArgumentException when there is none, or one is not a CA
     */
    public static TrustAnchors of(List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor");
        }
        for (int i = 0; i < certificates.size(); i++) {
            X509Certificate c = certificates.get(i);
            String which = "certificate " + (i + 1) + " (" + c.getSubjectX500Principal().getName() + ")";
            if (c.getBasicConstraints() < 0) {
                throw new IllegalArgumentException(which + " is not a CA: its basicConstraints do not say cA=true");
            }
            boolean[] usage = c.getKeyUsage();
            if (usage != null && (usage.length < 6 || !usage[5])) {
                throw new IllegalArgumentException(which + " is not a CA: its key usage lacks keyCertSign");
            }
            if (c.getExtensionValue("2.5.29.30") != null && !selfSigned(c)) {
                throw new IllegalArgumentException(which + " has name constraints, which certgate can apply only for a"
                        + " self-signed anchor; list the self-signed root it chains to instead");
            }
        }
        return new TrustAnchors(certificates);
    }

    private static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Every certificate of a PEM bundle (text between the blocks, as in distribution bundles, is allowed).
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static List<X509Certificate> read(Path bundle) {
        byte[] bytes = TrustFiles.read(bundle, MAX_BUNDLE_BYTES);
        Collection<? extends java.security.cert.Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException(bundle + " is not a PEM bundle of X.509 certificates: " + e.getMessage(),
                    e);
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(bundle + " holds no certificate");
        }
        List<X509Certificate> out = new ArrayList<>();
        parsed.forEach(c -> out.add((X509Certificate) c));
        return out;
    }

    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The anchors whose subject is {@code name}: the keys a CRL from {@code name} must verify with. */
    List<X509Certificate> named(X500Principal name) {
        return certificates.stream().filter(c -> c.getSubjectX500Principal().equals(name)).toList();
    }
}
