package dev.certgate.trust;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code certgate.trust.ocsp.*}: asking an OCSP responder (RFC 6960) about each leaf certificate.
 *
 * @param enabled   {@code certgate.trust.ocsp}
 * @param responder {@code certgate.trust.ocsp.responder}; empty: the certificate's Authority
 *                  Information Access URL (RFC 5280 section 4.2.2.1)
 * @param softFail  {@code certgate.trust.ocsp.soft-fail}: a responder that cannot be reached (or
 *                  answers {@code tryLater}/{@code internalError}) accepts with a warning instead of refusing
 * @param timeout   {@code certgate.trust.ocsp.timeout}: connecting, and then receiving the answer, each at most this
 */
public record OcspSettings(boolean enabled, Optional<URI> responder, boolean softFail, Duration timeout) {

    /** {@code certgate.trust.ocsp.timeout} when unset. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    /** No OCSP. */
    public static final OcspSettings OFF = new OcspSettings(false, Optional.empty(), false, DEFAULT_TIMEOUT);

    public OcspSettings {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(timeout, "timeout");
        responder.ifPresent(OcspSettings::checkResponder);
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(timeout + " is out of range; use " + MIN_TIMEOUT + " to " + MAX_TIMEOUT);
        }
    }

    /** OCSP on, hard-fail, the default timeout. */
    public static OcspSettings at(Optional<URI> responder) {
        return new OcspSettings(true, responder, false, DEFAULT_TIMEOUT);
    }

    /**
     * An absolute {@code http} or {@code https} URL with a host, or an {@link IllegalArgumentException}
     * saying why not.
     */
    public static URI checkResponder(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + uri + "' is not an http:// or https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the URL carries user information (user@host); OCSP needs none");
        }
        return uri;
    }
}
