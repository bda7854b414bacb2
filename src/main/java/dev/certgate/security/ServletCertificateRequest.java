package dev.certgate.security;

import dev.certgate.CertificateRequest;
import dev.certgate.IpAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * A servlet request as the core sees it, for the mechanism (which runs before any servlet
 * filter). Nothing is read until a source asks for it.
 *
 * <p>The peer is {@link HttpServletRequest#getRemoteAddr()}, the socket peer as long as the
 * container's own forwarded-address rewriting is off; the native chain is the attribute
 * {@code jakarta.servlet.request.X509Certificate} (Servlet 6.0 section 3.10). What certgate
 * remembers for the request ({@link #remember}) is a request attribute: the JAX-RS guard that
 * runs later sees it as a request property, so the certificate is resolved once.
 */
final class ServletCertificateRequest implements CertificateRequest {

    static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final HttpServletRequest request;

    ServletCertificateRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public Optional<InetAddress> peerAddress() {
        return IpAddresses.peer(request.getRemoteAddr());
    }

    @Override
    public List<String> headerValues(String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    /** The attribute's certificates, as {@link CertificateRequest#chainOf} reads them, as in the JAX-RS adapter. */
    @Override
    public List<X509Certificate> nativeChain() {
        return CertificateRequest.chainOf(request.getAttribute(CERTIFICATES_ATTRIBUTE));
    }

    @Override
    public Object recall(String name) {
        return request.getAttribute(name);
    }

    @Override
    public void remember(String name, Object value) {
        request.setAttribute(name, value);
    }
}
