package dev.certgate.security;

import dev.certgate.CertificateRequest;
import dev.certgate.IpAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
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
        byte[] address = IpAddresses.parsePeer(String.valueOf(request.getRemoteAddr()));
        try {
            return address == null ? Optional.empty() : Optional.of(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            return Optional.empty(); // not reachable for a parsed 4- or 16-byte address
        }
    }

    @Override
    public List<String> headerValues(String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    /**
     * The attribute's certificates, in order. Its first item is the client's own certificate
     * (Servlet 6.0 section 3.10): when that is not a certificate there is no leaf, and nothing behind
     * it (its issuer) may stand in for one, as in the JAX-RS adapter.
     */
    @Override
    public List<X509Certificate> nativeChain() {
        if (!(request.getAttribute(CERTIFICATES_ATTRIBUTE) instanceof Object[] chain)
                || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
            return List.of();
        }
        List<X509Certificate> out = new ArrayList<>(chain.length);
        for (Object item : chain) {
            if (item instanceof X509Certificate certificate) {
                out.add(certificate);
            }
        }
        return out;
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
