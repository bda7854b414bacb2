package dev.certgate.config;

import dev.certgate.source.CertificateCache.CacheSettings;
import dev.certgate.trust.OcspSettings;
import dev.certgate.trust.StaleCrl;
import dev.certgate.trust.TrustAnchors;
import dev.certgate.trust.TrustSettings;
import dev.certgate.trust.TrustVerifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code certgate.trust.*}: the anchor bundle is read and checked, every CRL file read
 * and checked against the anchors, the responder URL and durations validated, all at start-up.
 * A key that only makes sense with another (a responder without {@code certgate.trust.ocsp=true},
 * a CRL refresh without CRLs, revocation without anchors) is an error too: it would mean the
 * operator believes in a check that is not made.
 */
final class TrustReader {

    static final Duration MAX_CRL_REFRESH = Duration.ofDays(1);

    private TrustReader() {
    }

    static TrustSettings read(ConfigValues values) {
        List<X509Certificate> anchors = values.string(ConfigKeys.TRUST_ANCHORS).map(text -> {
            try {
                List<X509Certificate> certificates = TrustAnchors.read(path(values, ConfigKeys.TRUST_ANCHORS,
                        text));
                TrustAnchors.of(certificates);
                return certificates;
            } catch (IllegalArgumentException e) {
                throw values.error(ConfigKeys.TRUST_ANCHORS, e);
            }
        }).orElse(List.of());

        List<Path> crls = new ArrayList<>();
        values.list(ConfigKeys.TRUST_CRLS).ifPresent(entries -> entries.forEach(
                e -> crls.add(path(values, ConfigKeys.TRUST_CRLS, e))));
        Duration refresh = values.duration(ConfigKeys.TRUST_CRLS_REFRESH, "PT30S")
                .orElse(TrustSettings.DEFAULT_CRL_REFRESH);
        if (refresh.compareTo(Duration.ofSeconds(1)) < 0 || refresh.compareTo(MAX_CRL_REFRESH) > 0) {
            throw values.error(ConfigKeys.TRUST_CRLS_REFRESH, refresh + " is out of range; use PT1S to "
                    + MAX_CRL_REFRESH);
        }
        StaleCrl whenStale = values.choice(ConfigKeys.TRUST_CRLS_WHEN_STALE, StaleCrl::fromConfigName,
                Arrays.stream(StaleCrl.values()).map(StaleCrl::configName).toList()).orElse(StaleCrl.REFUSE);
        requires(values, crls.isEmpty(), ConfigKeys.TRUST_CRLS, ConfigKeys.TRUST_CRLS_REFRESH,
                ConfigKeys.TRUST_CRLS_WHEN_STALE);

        OcspSettings ocsp = ocsp(values);
        if (anchors.isEmpty()) {
            String needing = !crls.isEmpty() ? ConfigKeys.TRUST_CRLS : ocsp.enabled() ? ConfigKeys.TRUST_OCSP : null;
            if (needing != null) {
                throw values.error(needing, "is set, but " + ConfigKeys.TRUST_ANCHORS + " is not: revocation is"
                        + " checked on the path to a trust anchor, whose keys sign the CRLs and OCSP answers;"
                        + " set it to your CA bundle");
            }
        }
        TrustSettings settings = new TrustSettings(anchors, crls, refresh, whenStale, ocsp);
        if (!crls.isEmpty()) {
            try {
                TrustVerifier.of(settings, CacheSettings.OFF); // reads every CRL now: a bad one stops start-up
            } catch (IllegalArgumentException e) {
                throw values.error(ConfigKeys.TRUST_CRLS, e);
            }
        }
        return settings;
    }

    private static OcspSettings ocsp(ConfigValues values) {
        boolean enabled = values.bool(ConfigKeys.TRUST_OCSP).orElse(false);
        Optional<URI> responder = values.string(ConfigKeys.TRUST_OCSP_RESPONDER).map(text -> {
            try {
                return OcspSettings.checkResponder(new URI(text));
            } catch (URISyntaxException e) {
                throw values.error(ConfigKeys.TRUST_OCSP_RESPONDER, "'" + text + "' is not a URL: " + e.getReason());
            } catch (IllegalArgumentException e) {
                throw values.error(ConfigKeys.TRUST_OCSP_RESPONDER, e);
            }
        });
        boolean softFail = values.bool(ConfigKeys.TRUST_OCSP_SOFT_FAIL).orElse(false);
        Duration timeout = values.duration(ConfigKeys.TRUST_OCSP_TIMEOUT, "PT3S").orElse(OcspSettings.DEFAULT_TIMEOUT);
        requires(values, !enabled, ConfigKeys.TRUST_OCSP, ConfigKeys.TRUST_OCSP_RESPONDER,
                ConfigKeys.TRUST_OCSP_SOFT_FAIL, ConfigKeys.TRUST_OCSP_TIMEOUT);
        try {
            return new OcspSettings(enabled, responder, softFail, timeout);
        } catch (IllegalArgumentException e) {
            throw values.error(ConfigKeys.TRUST_OCSP_TIMEOUT, e);
        }
    }

    /** When {@code absent} (the main key is off), each dependent key that is set is an error. */
    private static void requires(ConfigValues values, boolean absent, String main, String... dependents) {
        if (!absent) {
            return;
        }
        for (String dependent : dependents) {
            if (values.isSet(dependent)) {
                throw values.error(dependent, "is set, but " + main + " is not" + (main.equals(ConfigKeys.TRUST_OCSP)
                        ? " true" : "") + ", so it would change nothing; set " + main + " or remove this key");
            }
        }
    }

    private static Path path(ConfigValues values, String key, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw values.error(key, "'" + text + "' is not a file path: " + e.getReason());
        }
    }
}
