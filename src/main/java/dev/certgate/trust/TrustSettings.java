package dev.certgate.trust;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code certgate.trust.*} says: the anchors every certificate must chain to (RFC 5280
 * section 6), and where its revocation status comes from. With no anchors nothing is
 * re-verified and no revocation is checked; revocation needs anchors, since a CRL or an OCSP
 * response is only as good as the key that signed it.
 *
 * @param anchors     {@code certgate.trust.anchors}: CA certificates, each a PKIX trust anchor
 * @param crls        {@code certgate.trust.crls}: CRL files, PEM or DER
 * @param crlRefresh  {@code certgate.trust.crls.refresh}: how often at most the files are looked at again
 * @param whenStale   {@code certgate.trust.crls.when-stale}: a CRL past its nextUpdate
 * @param ocsp        {@code certgate.trust.ocsp.*}
 */
public record TrustSettings(List<X509Certificate> anchors, List<Path> crls, Duration crlRefresh, StaleCrl whenStale,
                            OcspSettings ocsp) {

    /** {@code certgate.trust.crls.refresh} when unset. */
    public static final Duration DEFAULT_CRL_REFRESH = Duration.ofSeconds(30);

    /** Nothing re-verified. */
    public static final TrustSettings NONE = new TrustSettings(List.of(), List.of(), DEFAULT_CRL_REFRESH,
            StaleCrl.REFUSE, OcspSettings.OFF);

    public TrustSettings {
        anchors = List.copyOf(anchors);
        crls = List.copyOf(crls);
        Objects.requireNonNull(crlRefresh, "crlRefresh");
        Objects.requireNonNull(whenStale, "whenStale");
        Objects.requireNonNull(ocsp, "ocsp");
        if (crlRefresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("crlRefresh must be at least one second");
        }
        if (anchors.isEmpty() && (!crls.isEmpty() || ocsp.enabled())) {
            throw new IllegalArgumentException("revocation checking needs trust anchors");
        }
    }

    /** Anchors only: every certificate must chain to one of them; no revocation checking. */
    public static TrustSettings anchoredAt(List<X509Certificate> anchors) {
        return new TrustSettings(anchors, List.of(), DEFAULT_CRL_REFRESH, StaleCrl.REFUSE, OcspSettings.OFF);
    }

    /** Whether certificates are re-verified at all. */
    public boolean enabled() {
        return !anchors.isEmpty();
    }

    /** Whether revocation is checked, by CRL or OCSP. */
    public boolean checksRevocation() {
        return !crls.isEmpty() || ocsp.enabled();
    }

    /** These settings with {@code crls} and their handling. */
    public TrustSettings withCrls(List<Path> crls, Duration refresh, StaleCrl whenStale) {
        return new TrustSettings(anchors, crls, refresh, whenStale, ocsp);
    }

    /** These settings with {@code ocsp}. */
    public TrustSettings withOcsp(OcspSettings ocsp) {
        return new TrustSettings(anchors, crls, crlRefresh, whenStale, ocsp);
    }
}
