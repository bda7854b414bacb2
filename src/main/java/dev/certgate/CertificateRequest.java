package dev.certgate;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The request as the core sees it: no JAX-RS, Servlet or CDI type. Adapters implement it over
 * their own request object; every method is called only when a source needs it, so an adapter
 * should read lazily and an unguarded request costs nothing.
 *
 * <p>An adapter whose request can hold values for the rest of its processing (a servlet request
 * attribute, a JAX-RS request property: on servlet containers both are one store) implements
 * {@link #recall} and {@link #remember}, so that certgate reads the sources once per request even
 * when several adapters look at it (the Jakarta Security mechanism, then the JAX-RS guard and the
 * token binding). Clients cannot set such values; by default nothing is remembered.
 */
public interface CertificateRequest {

    /**
     * The address of the direct peer: the socket's remote address, never one taken from
     * {@code X-Forwarded-For} or similar headers. Empty when the adapter cannot know it.
     */
    Optional<InetAddress> peerAddress();

    /** Every value of the named header (case-insensitive name), in arrival order; empty when absent. */
    List<String> headerValues(String name);

    /** The chain the TLS layer verified, leaf first; empty when the client presented none. */
    List<X509Certificate> nativeChain();

    /** What {@link #remember} stored under {@code name} earlier in this request; {@code null} when nothing. */
    default Object recall(String name) {
        return null;
    }

    /** Keeps {@code value} under {@code name} for the rest of this request; by default it is forgotten. */
    default void remember(String name, Object value) {
    }
}
