package dev.certgate.testing;

import dev.certgate.CertificateRequest;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CertificateRequest} made of plain values; counts how often the native chain is read.
 * Remembers nothing unless {@link #remembering()} gives it a request store, as a servlet request has.
 */
public final class FakeRequest implements CertificateRequest {

    private final InetAddress peer;
    private final Map<String, List<String>> headers = new HashMap<>();
    private final List<X509Certificate> chain;
    private int nativeReads;
    private int recalls;
    private Map<String, Object> remembered; // null: the adapter has no per-request store

    private FakeRequest(InetAddress peer, List<X509Certificate> chain) {
        this.peer = peer;
        this.chain = chain;
    }

    /** No peer address, no headers, no certificate. */
    public static FakeRequest empty() {
        return new FakeRequest(null, List.of());
    }

    /** A request whose TLS layer presented {@code chain}. */
    public static FakeRequest withNativeChain(List<X509Certificate> chain) {
        return new FakeRequest(null, chain);
    }

    /** A request from {@code peer} ({@code null}: the adapter knows none) whose TLS layer presented {@code chain}. */
    public static FakeRequest of(InetAddress peer, List<X509Certificate> chain) {
        return new FakeRequest(peer, chain);
    }

    public static FakeRequest from(InetAddress peer) {
        return new FakeRequest(peer, List.of());
    }

    public FakeRequest header(String name, String... values) {
        headers.put(name.toLowerCase(Locale.ROOT), List.of(values));
        return this;
    }

    /** This request with a per-request store, as servlet and JAX-RS requests have. */
    public FakeRequest remembering() {
        remembered = new HashMap<>();
        return this;
    }

    public int nativeReads() {
        return nativeReads;
    }

    /** How many times a value was looked up with {@link #recall}. */
    public int recalls() {
        return recalls;
    }

    @Override
    public Optional<InetAddress> peerAddress() {
        return Optional.ofNullable(peer);
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<X509Certificate> nativeChain() {
        nativeReads++;
        return chain;
    }

    @Override
    public Object recall(String name) {
        recalls++;
        return remembered == null ? null : remembered.get(name);
    }

    @Override
    public void remember(String name, Object value) {
        if (remembered != null) {
            remembered.put(name, value);
        }
    }
}
