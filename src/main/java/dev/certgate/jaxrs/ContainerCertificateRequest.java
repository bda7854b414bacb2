package dev.certgate.jaxrs;

import dev.certgate.CertificateRequest;
import dev.certgate.IpAddresses;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A JAX-RS request as the core sees it. Nothing is read until a source asks for it.
 *
 * <p>The native chain is the request property {@code jakarta.servlet.request.X509Certificate}
 * (or its {@code javax.} predecessor), which Jersey, RESTEasy and Liberty copy from the servlet
 * request. The peer address is the property {@link CertgateFeature#PEER_ADDRESS_PROPERTY}, set by
 * the container adapter from the socket; it is never taken from a header. What certgate remembers
 * for the request ({@link #remember}) is a request property, on servlet containers the same store as
 * the servlet request's attributes (JAX-RS 3.1, {@code ContainerRequestContext#getProperty}). Public
 * for certgate's other JAX-RS adapters (token binding); applications need not use it. One per
 * request and thread, within one filter: the last header looked up is remembered.
 */
public final class ContainerCertificateRequest implements CertificateRequest {

    static final String JAKARTA_CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    static final String JAVAX_CERTIFICATES = "javax.servlet.request.X509Certificate";

    private final ContainerRequestContext context;
    // the last header looked up: a source asks for its header twice (is it there, then its one value)
    private String lastName;
    private List<String> lastValues;

    public ContainerCertificateRequest(ContainerRequestContext context) {
        this.context = context;
    }

    @Override
    public Optional<InetAddress> peerAddress() {
        Object peer = context.getProperty(CertgateFeature.PEER_ADDRESS_PROPERTY);
        if (peer instanceof InetAddress address) {
            return Optional.of(address);
        }
        if (peer instanceof String text) {
            return IpAddresses.peer(text);
        }
        return Optional.empty();
    }

    @Override
    public List<String> headerValues(String name) {
        if (name.equals(lastName)) {
            return lastValues;
        }
        List<String> values = context.getHeaders().get(name);
        values = values == null ? List.of() : values;
        lastName = name;
        lastValues = values;
        return values;
    }

    @Override
    public List<X509Certificate> nativeChain() {
        Object chain = context.getProperty(JAKARTA_CERTIFICATES);
        if (chain == null) {
            chain = context.getProperty(JAVAX_CERTIFICATES);
        }
        return CertificateRequest.chainOf(chain);
    }

    @Override
    public Object recall(String name) {
        return context.getProperty(name);
    }

    @Override
    public void remember(String name, Object value) {
        context.setProperty(name, value);
    }

}
