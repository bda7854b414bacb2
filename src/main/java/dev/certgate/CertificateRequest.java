package dev.certgate;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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

    /**
     * The chain a container hands over as the attribute {@code jakarta.servlet.request.X509Certificate}
     * (an {@code X509Certificate[]}, or an array or collection of objects), leaf first. Its first item
     * is the client's own certificate (Servlet 6.0 section 3.10): when that is not a certificate there
     * is no leaf, and nothing behind it (its issuer) may stand in for one. Any other value: empty.
     */
    static List<X509Certificate> chainOf(Object attribute) {
        if (attribute instanceof X509Certificate[] certificates) {
            // what servlet containers hand over: a view, no copy (the core copies what it keeps)
            return Arrays.asList(certificates);
        }
        Collection<?> items = attribute instanceof Object[] array ? Arrays.asList(array)
                : attribute instanceof Collection<?> collection ? collection : List.of();
        if (items.isEmpty() || !(items.iterator().next() instanceof X509Certificate)) {
            return List.of();
        }
        List<X509Certificate> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof X509Certificate certificate) {
                out.add(certificate);
            }
        }
        return out;
    }
}
